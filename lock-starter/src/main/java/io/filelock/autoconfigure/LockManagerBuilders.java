package io.filelock.autoconfigure;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

import io.filelock.Backoff;
import io.filelock.InvalidLockSettingException;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockPolicy;
import io.filelock.autoconfigure.FileLockProperties.Lock;
import io.filelock.autoconfigure.FileLockProperties.LockBackoff;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;

import static java.util.Objects.requireNonNullElse;

/**
 * Maps {@link FileLockProperties} onto a {@link LockManagerBuilder}. The builder and its
 * {@link Backoff} and {@link LockPolicy} records decide which values can work; a value
 * they refuse is reported as the property it came from, with Spring Boot's
 * {@link InvalidConfigurationPropertyValueException}, whose failure analysis shows the
 * value as written and where it was written.
 */
final class LockManagerBuilders {

	private static final String PREFIX = "file-lock.";

	private LockManagerBuilders() {
	}

	static LockManagerBuilder from(FileLockProperties properties) {
		PropertyMapper map = PropertyMapper.get();
		LockManagerBuilder builder = LockManager.builder();
		map.from(properties::getDirectory).to(builder::directory);
		map.from(properties::getStrategy).to(builder::strategy);
		map.from(properties::isKernelWait).to(builder::kernelWait);
		map.from(properties::getScope).to(builder::scope);
		Set<PosixFilePermission> permissions = permissions(properties.getDirectoryPermissions());
		checked(PREFIX, () -> builder.directoryPermissions(permissions));
		checked(PREFIX, () -> builder.timeout(properties.getTimeout()));
		checked(PREFIX, () -> builder.waitLogThreshold(properties.getWaitLogThreshold()));
		Backoff backoff = checked(PREFIX + "backoff.", () -> backoff(properties.getBackoff()));
		builder.backoff(backoff);
		properties.getLocks().forEach((name, lock) -> {
			LockPolicy policy = policy(builder.settings().defaults(), lock, lockPrefix(name));
			builder.lock(name, (defaults) -> policy);
		});
		return builder;
	}

	private static Set<PosixFilePermission> permissions(String text) {
		try {
			return PosixFilePermissions.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "directory-permissions", text,
					"must be nine characters in the form 'ls -l' shows, such as rwx------ or rwxrwx---");
		}
	}

	private static Backoff backoff(FileLockProperties.Backoff properties) {
		return new Backoff(properties.getInitialDelay(), properties.getMultiplier(), properties.getMaxDelay(),
				properties.getJitter());
	}

	private static LockPolicy policy(LockPolicy defaults, Lock lock, String prefix) {
		PropertyMapper map = PropertyMapper.get();
		LockPolicy policy = checked(prefix, () -> map.from(lock::getTimeout).to(defaults, LockPolicy::withTimeout));
		policy = map.from(lock::getPath).to(policy, LockPolicy::withPath);
		LockBackoff overrides = lock.getBackoff();
		Backoff shared = defaults.backoff();
		try {
			Backoff backoff = new Backoff(requireNonNullElse(overrides.getInitialDelay(), shared.initialDelay()),
					requireNonNullElse(overrides.getMultiplier(), shared.multiplier()),
					requireNonNullElse(overrides.getMaxDelay(), shared.maxDelay()),
					requireNonNullElse(overrides.getJitter(), shared.jitter()));
			return policy.withBackoff(backoff);
		}
		catch (InvalidLockSettingException ex) {
			if (ex.getSetting().equals("maxDelay") && overrides.getMaxDelay() == null) {
				// the lock's own initial delay is above the shared max delay it did not override
				throw new InvalidConfigurationPropertyValueException(prefix + "backoff.initial-delay",
						overrides.getInitialDelay(), "must be at most the max delay ("
								+ DurationStyle.SIMPLE.print(shared.maxDelay()) + ")");
			}
			throw invalid(prefix + "backoff.", ex);
		}
	}

	/**
	 * Runs {@code step}, reporting a value it refuses as the property under
	 * {@code prefix} it came from.
	 */
	private static <T> T checked(String prefix, Supplier<T> step) {
		try {
			return step.get();
		}
		catch (InvalidLockSettingException ex) {
			throw invalid(prefix, ex);
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String prefix, InvalidLockSettingException ex) {
		return new InvalidConfigurationPropertyValueException(
				prefix + DataObjectPropertyName.toDashedForm(ex.getSetting()), ex.getValue(), ex.getRequirement());
	}

	/**
	 * The property prefix of a lock's settings: {@code file-lock.locks.report.}, or
	 * {@code file-lock.locks[nightly.report].} for a name that needs brackets.
	 */
	static String lockPrefix(String name) {
		boolean plain = name.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
		return PREFIX + "locks" + (plain ? "." + name : "[" + name + "]") + ".";
	}

}
