package io.filelock.autoconfigure;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Refuses {@link FileLockProperties} that cannot work for reasons outside the settings
 * themselves (which {@link LockManagerBuilders} leaves to the lock manager's records):
 * a lock directory that is a file or cannot be created (it is created here, so that this
 * fails the startup rather than the first lock), a lock path in a missing directory, and
 * a timeout or delay written without a unit, which Spring Boot would read as milliseconds
 * ({@code timeout=2} is 2 ms, which nobody means for a lock).
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
			properties.getLocks().forEach((name, lock) -> refuseLockFile(name, lock));
			return;
		}
		validateDirectory(properties.getDirectory());
		properties.getLocks().forEach((name, lock) -> validateLockFile(name, lock));
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

	private static void validateDirectory(Path directory) {
		String property = PREFIX + "directory";
		if (Files.exists(directory) && !Files.isDirectory(directory)) {
			throw new InvalidConfigurationPropertyValueException(property, directory,
					"must be a directory, but it is a file");
		}
		try {
			Files.createDirectories(directory);
		}
		catch (FileSystemException ex) {
			String reason = (ex.getReason() != null) ? ex.getReason() : ex.getClass().getSimpleName();
			throw new InvalidConfigurationPropertyValueException(property, directory,
					"must be a directory that exists or can be created, but creating '" + ex.getFile() + "' failed ("
							+ reason + ")");
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(property, directory,
					"must be a directory that exists or can be created, but creating it failed (" + ex + ")");
		}
	}

	private static void refuseLockFile(String name, Lock lock) {
		if (lock.getPath() != null) {
			throw new InvalidConfigurationPropertyValueException(LockManagerBuilders.lockPrefix(name) + "path",
					lock.getPath(), "has no effect with file-lock.backend=postgres, where locks are not files; remove it");
		}
	}

	private static void validateLockFile(String name, Lock lock) {
		Path path = lock.getPath();
		if (path == null) {
			return;
		}
		String property = LockManagerBuilders.lockPrefix(name) + "path";
		if (Files.isDirectory(path)) {
			throw new InvalidConfigurationPropertyValueException(property, path, "must be a file, but it is a directory");
		}
		Path parent = path.toAbsolutePath().getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			throw new InvalidConfigurationPropertyValueException(property, path,
					"must be a file in an existing directory, but directory '" + parent + "' does not exist");
		}
	}

}
