package io.filelock.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.filelock.LockBackendKind;
import io.filelock.LockPolicy;
import io.filelock.LockStrategy;
import io.filelock.PostgresSettings;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link io.filelock.LockManagerBuilder} was told.
 *
 * @param backend where locks are held against other processes
 * @param directory directory of the lock files, absolute and normalised
 * @param strategy operating-system lock to take
 * @param defaults policy of every lock without one of its own
 * @param policies policies of their own, by lock name
 * @param applicationName written into owner records, if known
 * @param listeners told of every acquisition and release
 * @param waitLogThreshold wait after which one INFO line is logged
 * @param kernelWait whether a caller waiting for another process waits in the kernel
 * where it can, rather than polling with the backoff
 * @param postgres the server of the {@link LockBackendKind#POSTGRES} backend, or null
 */
public record LockManagerSettings(LockBackendKind backend, Path directory, LockStrategy strategy, LockPolicy defaults,
		Map<String, LockPolicy> policies, @Nullable String applicationName, List<LockListener> listeners,
		Duration waitLogThreshold, boolean kernelWait, @Nullable PostgresSettings postgres) {

	public LockManagerSettings {
		directory = directory.toAbsolutePath().normalize();
		policies = Map.copyOf(policies);
		listeners = List.copyOf(listeners);
	}

	/**
	 * Settings without a PostgreSQL server.
	 */
	public LockManagerSettings(LockBackendKind backend, Path directory, LockStrategy strategy, LockPolicy defaults,
			Map<String, LockPolicy> policies, @Nullable String applicationName, List<LockListener> listeners,
			Duration waitLogThreshold, boolean kernelWait) {
		this(backend, directory, strategy, defaults, policies, applicationName, listeners, waitLogThreshold, kernelWait,
				null);
	}

	/**
	 * The policy of the lock with the given name.
	 */
	public LockPolicy policy(String name) {
		return this.policies.getOrDefault(name, this.defaults);
	}

}
