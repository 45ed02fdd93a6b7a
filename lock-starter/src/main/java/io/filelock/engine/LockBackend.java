package io.filelock.engine;

import java.util.Optional;

import io.filelock.LockPolicy;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockHolders;

/**
 * Where the JVM's locks are held against other processes: lock files, or a database. The
 * coordination above it settles which thread of the JVM holds a lock and which one may
 * take or release the backend's lock for the others; a backend only ever meets other
 * processes.
 */
public interface LockBackend extends AutoCloseable {

	/**
	 * The key of the named lock: names whose keys are equal are one lock.
	 * @throws io.filelock.LockException if the name is not a valid lock name
	 */
	BackendKey keyOf(String name, LockPolicy policy);

	/**
	 * The JVM's handle on the lock with the given key, used by one thread at a time.
	 * Opening it costs nothing: it reaches outside the JVM on first use.
	 */
	BackendLock open(BackendKey key);

	/**
	 * Who holds the lock with the given key, without taking it.
	 * @return empty if the lock's resource does not exist
	 */
	Optional<LockHolders> holders(BackendKey key);

	/**
	 * Where the locks are held, how, and whether they can be taken now.
	 */
	LockBackendStatus status();

	/**
	 * Prepares and checks now what the first lock would need, so that a backend that
	 * cannot work fails at startup (see {@link io.filelock.spi.LockPreflight}); by
	 * default nothing.
	 * @throws io.filelock.InvalidLockLocationException naming what cannot work
	 */
	default void checkLocations() {
	}

	/**
	 * Tells {@code listener} of every lock lost while held from now on (a backend whose
	 * locks live in a session that can end under them, such as a database's); lock files
	 * are never lost, and their backend tells nothing.
	 */
	default void watchLosses(LossListener listener) {
	}

	/**
	 * Releases what the backend keeps for quick reuse; it stays usable.
	 */
	@Override
	default void close() {
	}

}
