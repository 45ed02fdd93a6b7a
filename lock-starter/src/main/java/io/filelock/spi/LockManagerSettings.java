package io.filelock.spi;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.filelock.LockBackendKind;
import io.filelock.LockPolicy;
import io.filelock.LockScope;
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
 * @param scope how far locks must exclude other processes
 * @param directoryPermissions permissions of a lock directory the manager creates (lock
 * files get them without execute), and the most an existing one may let its group do
 * @param postgres the server of the {@link LockBackendKind#POSTGRES} backend, or null
 */
public record LockManagerSettings(LockBackendKind backend, Path directory, LockStrategy strategy, LockPolicy defaults,
		Map<String, LockPolicy> policies, @Nullable String applicationName, List<LockListener> listeners,
		Duration waitLogThreshold, boolean kernelWait, LockScope scope, Set<PosixFilePermission> directoryPermissions,
		@Nullable PostgresSettings postgres) {

	/**
	 * Normalises the directory and copies the collections.
	 * @param backend where locks are held against other processes
	 * @param directory directory of the lock files
	 * @param strategy operating-system lock to take
	 * @param defaults policy of every lock without one of its own
	 * @param policies policies of their own, by lock name
	 * @param applicationName written into owner records, if known
	 * @param listeners told of every acquisition and release
	 * @param waitLogThreshold wait after which one INFO line is logged
	 * @param kernelWait whether waiting callers wait in the kernel where they can
	 * @param scope how far locks must exclude other processes
	 * @param directoryPermissions permissions of a lock directory the manager creates
	 * @param postgres the server of the PostgreSQL backend, or null
	 */
	public LockManagerSettings {
		directory = directory.toAbsolutePath().normalize();
		policies = Map.copyOf(policies);
		listeners = List.copyOf(listeners);
		directoryPermissions = Set.copyOf(directoryPermissions);
	}

	/**
	 * Settings without a PostgreSQL server.
	 * @param backend where locks are held against other processes
	 * @param directory directory of the lock files
	 * @param strategy operating-system lock to take
	 * @param defaults policy of every lock without one of its own
	 * @param policies policies of their own, by lock name
	 * @param applicationName written into owner records, if known
	 * @param listeners told of every acquisition and release
	 * @param waitLogThreshold wait after which one INFO line is logged
	 * @param kernelWait whether waiting callers wait in the kernel where they can
	 * @param scope how far locks must exclude other processes
	 * @param directoryPermissions permissions of a lock directory the manager creates
	 */
	public LockManagerSettings(LockBackendKind backend, Path directory, LockStrategy strategy, LockPolicy defaults,
			Map<String, LockPolicy> policies, @Nullable String applicationName, List<LockListener> listeners,
			Duration waitLogThreshold, boolean kernelWait, LockScope scope, Set<PosixFilePermission> directoryPermissions) {
		this(backend, directory, strategy, defaults, policies, applicationName, listeners, waitLogThreshold, kernelWait,
				scope, directoryPermissions, null);
	}

	/**
	 * The policy of the lock with the given name.
	 * @param name the lock's name
	 * @return its own policy, or the defaults
	 */
	public LockPolicy policy(String name) {
		return this.policies.getOrDefault(name, this.defaults);
	}

}
