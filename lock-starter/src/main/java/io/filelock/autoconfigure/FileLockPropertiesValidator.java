package io.filelock.autoconfigure;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.filelock.autoconfigure.FileLockProperties.Lock;
import io.filelock.autoconfigure.FileLockProperties.LockBackoff;
import org.jspecify.annotations.Nullable;

/**
 * Refuses {@link FileLockProperties} that cannot work, naming the property, its value as
 * written and what is allowed. Creates the lock directory, so that a directory that
 * cannot be created fails the startup rather than the first lock.
 */
final class FileLockPropertiesValidator {

	private static final String PREFIX = "file-lock.";

	private final Function<String, @Nullable String> valuesAsWritten;

	/**
	 * @param valuesAsWritten the value of a property as the user wrote it, or null if
	 * unknown
	 */
	FileLockPropertiesValidator(Function<String, @Nullable String> valuesAsWritten) {
		this.valuesAsWritten = valuesAsWritten;
	}

	void validate(FileLockProperties properties) {
		notNegative("timeout", properties.getTimeout());
		notNegative("wait-log-threshold", properties.getWaitLogThreshold());
		FileLockProperties.Backoff backoff = properties.getBackoff();
		validateBackoff("backoff.", backoff.getInitialDelay(), backoff.getMultiplier(), backoff.getMaxDelay(),
				backoff.getJitter(), true);
		for (Map.Entry<String, Lock> entry : properties.getLocks().entrySet()) {
			validateLock(lockPrefix(entry.getKey()), entry.getValue(), backoff);
		}
		validateDirectory(properties.getDirectory());
	}

	private void validateLock(String prefix, Lock lock, FileLockProperties.Backoff defaults) {
		if (lock.getTimeout() != null) {
			notNegative(prefix + "timeout", lock.getTimeout());
		}
		LockBackoff backoff = lock.getBackoff();
		validateBackoff(prefix + "backoff.", orDefault(backoff.getInitialDelay(), defaults.getInitialDelay()),
				orDefault(backoff.getMultiplier(), defaults.getMultiplier()),
				orDefault(backoff.getMaxDelay(), defaults.getMaxDelay()),
				orDefault(backoff.getJitter(), defaults.getJitter()), backoff.getMaxDelay() != null);
		if (lock.getPath() != null) {
			validateLockFile(prefix + "path", lock.getPath());
		}
	}

	private void validateBackoff(String prefix, Duration initialDelay, double multiplier, Duration maxDelay,
			Duration jitter, boolean maxDelaySet) {
		notNegative(prefix + "initial-delay", initialDelay);
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw invalid(prefix + "multiplier", multiplier, "must be a number of at least 1");
		}
		if (maxDelay.compareTo(initialDelay) < 0) {
			if (maxDelaySet) {
				throw invalid(prefix + "max-delay", maxDelay,
						"must be at least the initial delay (" + initialDelay.toMillis() + "ms)");
			}
			throw invalid(prefix + "initial-delay", initialDelay,
					"must be at most the max delay (" + maxDelay.toMillis() + "ms)");
		}
		notNegative(prefix + "jitter", jitter);
	}

	private void validateDirectory(Path directory) {
		String property = PREFIX + "directory";
		if (Files.exists(directory) && !Files.isDirectory(directory)) {
			throw invalid(property, directory, "must be a directory, but it is a file");
		}
		try {
			Files.createDirectories(directory);
		}
		catch (FileSystemException ex) {
			String reason = (ex.getReason() != null) ? ex.getReason() : ex.getClass().getSimpleName();
			throw invalid(property, directory, "must be a directory that exists or can be created, but creating '"
					+ ex.getFile() + "' failed (" + reason + ")");
		}
		catch (IOException ex) {
			throw invalid(property, directory,
					"must be a directory that exists or can be created, but creating it failed (" + ex + ")");
		}
	}

	private void validateLockFile(String property, Path path) {
		if (Files.isDirectory(path)) {
			throw invalid(property, path, "must be a file, but it is a directory");
		}
		Path parent = path.toAbsolutePath().getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			throw invalid(property, path, "must be a file in an existing directory, but directory '" + parent
					+ "' does not exist");
		}
	}

	private void notNegative(String property, Duration duration) {
		if (duration.isNegative()) {
			throw invalid(property, duration, "must be zero or positive");
		}
	}

	private InvalidFileLockPropertyException invalid(String property, Object value, String requirement) {
		String name = property.startsWith(PREFIX) ? property : PREFIX + property;
		String written = this.valuesAsWritten.apply(name);
		return new InvalidFileLockPropertyException(name, (written != null) ? written : value, requirement);
	}

	private static String lockPrefix(String name) {
		boolean plain = name.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
		return PREFIX + "locks" + (plain ? "." + name : "[" + name + "]") + ".";
	}

	private static <T> T orDefault(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
