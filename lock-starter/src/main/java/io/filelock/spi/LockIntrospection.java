package io.filelock.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.filelock.LockPolicy;

/**
 * A look at the locks of a {@link io.filelock.LockManager} that never takes one: what
 * this JVM holds and waits for, who holds a lock elsewhere, and the settings in effect.
 * The Actuator endpoint, the health contributor and the gauges read it; a
 * {@code LockManager} that does not implement it keeps its locks and its timers, and
 * goes without those.
 */
public interface LockIntrospection {

	/**
	 * Where the locks are held, how, and whether they can be taken now (may touch the
	 * file system or the network).
	 * @return the backend's status
	 */
	LockBackendStatus backendStatus();

	/**
	 * Every lock this JVM holds or waits for now.
	 * @return one snapshot per lock
	 */
	List<LockSnapshot> snapshot();

	/**
	 * Who holds the lock with the given name, without taking it.
	 * @param name the lock's name
	 * @return the holders, or empty if the lock's resource does not exist (its file was never created)
	 * @throws io.filelock.LockException if the name is not a valid lock name
	 */
	Optional<LockHolders> holders(String name);

	/**
	 * What the lock with the given name is held on.
	 * @param name the lock's name
	 * @return its resource (its file)
	 * @throws io.filelock.LockException if the name is not a valid lock name
	 */
	LockResource resource(String name);

	/**
	 * The effective policy of the lock with the given name.
	 * @param name the lock's name
	 * @return its own policy, or the defaults
	 */
	LockPolicy policy(String name);

	/**
	 * Locks with a policy of their own, by name.
	 * @return the policies by lock name
	 */
	Map<String, LockPolicy> configuredPolicies();

	/**
	 * Locks that a thread of this JVM holds now.
	 * @return how many
	 */
	int activeCount();

	/**
	 * Threads of this JVM inside an acquisition now.
	 * @return how many
	 */
	int pendingCount();

}
