package io.filelock.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.filelock.LockPolicy;
import io.filelock.LockStrategy;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link FileLockManager} is made of; built by
 * {@link io.filelock.LockManagerBuilder}.
 *
 * @param directory directory of the lock files
 * @param strategy operating-system lock to take
 * @param defaults policy of every lock without an override
 * @param policies overrides by lock name
 * @param applicationName written into owner records, if known
 * @param listener told of every acquisition and release
 * @param waitLogThreshold wait after which one INFO line is logged
 * @param kernelWait whether a contended {@code FLOCK} lock is waited for in the kernel
 * rather than polled with the backoff (where the kernel wait is available)
 * @param ticker monotonic clock
 * @param sleeper sleeps between attempts
 */
public record LockManagerConfig(Path directory, LockStrategy strategy, LockPolicy defaults,
		Map<String, LockPolicy> policies, @Nullable String applicationName, LockListener listener,
		Duration waitLogThreshold, boolean kernelWait, Ticker ticker, Sleeper sleeper) {

	public LockManagerConfig {
		directory = directory.toAbsolutePath().normalize();
		policies = Map.copyOf(policies);
	}

	LockPolicy policy(String name) {
		return this.policies.getOrDefault(name, this.defaults);
	}

}
