package io.filelock.autoconfigure;

import io.filelock.Backoff;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockPolicy;
import io.filelock.autoconfigure.FileLockProperties.Lock;
import io.filelock.autoconfigure.FileLockProperties.LockBackoff;
import org.jspecify.annotations.Nullable;

/**
 * Maps validated {@link FileLockProperties} onto a {@link LockManagerBuilder}.
 */
final class LockManagerBuilders {

	private LockManagerBuilders() {
	}

	static LockManagerBuilder from(FileLockProperties properties) {
		Backoff backoff = backoff(properties.getBackoff());
		LockManagerBuilder builder = LockManager.builder()
			.directory(properties.getDirectory())
			.strategy(properties.getStrategy())
			.timeout(properties.getTimeout())
			.backoff(backoff)
			.waitLogThreshold(properties.getWaitLogThreshold())
			.kernelWait(properties.isKernelWait());
		properties.getLocks().forEach((name, lock) -> builder.lock(name, (defaults) -> policy(defaults, lock)));
		return builder;
	}

	private static Backoff backoff(FileLockProperties.Backoff properties) {
		return new Backoff(properties.getInitialDelay(), properties.getMultiplier(), properties.getMaxDelay(),
				properties.getJitter());
	}

	private static LockPolicy policy(LockPolicy defaults, Lock lock) {
		LockPolicy policy = defaults;
		if (lock.getTimeout() != null) {
			policy = policy.withTimeout(lock.getTimeout());
		}
		if (lock.getPath() != null) {
			policy = policy.withPath(lock.getPath());
		}
		return policy.withBackoff(backoff(policy.backoff(), lock.getBackoff()));
	}

	private static Backoff backoff(Backoff defaults, LockBackoff overrides) {
		return new Backoff(orDefault(overrides.getInitialDelay(), defaults.initialDelay()),
				orDefault(overrides.getMultiplier(), defaults.multiplier()),
				orDefault(overrides.getMaxDelay(), defaults.maxDelay()),
				orDefault(overrides.getJitter(), defaults.jitter()));
	}

	private static <T> T orDefault(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
