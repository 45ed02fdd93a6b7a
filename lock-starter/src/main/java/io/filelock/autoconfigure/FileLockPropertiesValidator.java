package io.filelock.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.filelock.autoconfigure.FileLockProperties.Lock;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Refuses {@link FileLockProperties} that the lock manager's own checks cannot tell
 * wrong: a timeout or delay written without a unit, which Spring Boot would read as
 * milliseconds ({@code timeout=2} is 2 ms, which nobody means for a lock), and a lock
 * path with the PostgreSQL backend, where it would mean nothing. The values
 * themselves are checked by the builder ({@link LockManagerBuilders}), the lock
 * directory and lock paths by the manager ({@link io.filelock.spi.LockPreflight}).
 */
final class FileLockPropertiesValidator {

	private static final String PREFIX = "file-lock.";

	private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[+-]?\\d+\\s*");

	private static final String[] DURATIONS = { "timeout", "wait-log-threshold", "backoff.initial-delay",
			"backoff.max-delay", "backoff.jitter", "postgres.connect-timeout", "postgres.keepalive.idle",
			"postgres.keepalive.interval" };

	private static final String[] LOCK_DURATIONS = { "timeout", "backoff.initial-delay", "backoff.max-delay",
			"backoff.jitter" };

	private final Iterable<ConfigurationPropertySource> sources;

	FileLockPropertiesValidator(Environment environment) {
		this.sources = ConfigurationPropertySources.get(environment);
	}

	void validate(FileLockProperties properties) {
		List<String> durations = new ArrayList<>();
		for (String duration : DURATIONS) {
			durations.add(PREFIX + duration);
		}
		properties.getLocks().keySet().forEach((name) -> {
			for (String duration : LOCK_DURATIONS) {
				durations.add(LockManagerBuilders.lockPrefix(name) + duration);
			}
		});
		durations.forEach(this::requireUnit);
		if (properties.getBackend() == FileLockProperties.Backend.POSTGRES) {
			// no lock files: a path would silently mean nothing
			properties.getLocks().forEach(this::refuseLockFile);
		}
	}

	private void requireUnit(String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : this.sources) {
			ConfigurationProperty value = source.getConfigurationProperty(name);
			if (value != null) {
				Object raw = value.getValue();
				if (raw instanceof Number || (raw instanceof CharSequence text && BARE_NUMBER.matcher(text).matches())) {
					throw new InvalidConfigurationPropertyValueException(property, raw,
							"a timeout or delay needs a unit, such as '" + raw.toString().strip() + "s' or '"
									+ raw.toString().strip() + "ms' (without one it would be read as milliseconds)");
				}
				return;
			}
		}
	}

	private void refuseLockFile(String name, Lock lock) {
		if (lock.getPath() != null) {
			throw new InvalidConfigurationPropertyValueException(LockManagerBuilders.lockPrefix(name) + "path",
					lock.getPath(), "has no effect with file-lock.backend=postgres, where locks are not files; remove it");
		}
	}

}
