package io.filelock.integration;

import java.util.Objects;
import java.util.concurrent.locks.Lock;

import io.filelock.LockManager;

import org.springframework.integration.support.locks.LockRegistry;

/**
 * A Spring Integration {@link LockRegistry} over a {@link LockManager}: the lock of a key
 * is the file lock of that name, so it excludes the threads of this JVM, other JVMs using
 * the same lock directory, and {@code flock(1)} on the same file. For leader election on
 * one host ({@code LockRegistryLeaderInitiator}): when the leader's process dies, even by
 * {@code kill -9}, the kernel frees its lock and a waiting candidate takes it at once.
 * <p>
 * The locks it {@link #obtain obtains} are reentrant per thread, like a
 * {@link java.util.concurrent.locks.ReentrantLock}: each {@code lock} or successful
 * {@code tryLock} counts one hold of the calling thread, each {@code unlock} releases
 * one, and only the holding thread may unlock. {@code lock()} waits however long it
 * takes; the timed and interruptible methods end their wait at the interrupt, as the
 * {@link Lock} contract says. Conditions are not supported.
 * <p>
 * Keys must be strings, and are lock names: the key {@code leader} is the file
 * {@code leader.lock} in the lock directory, with the settings of
 * {@code file-lock.locks.leader.*}. Lock files are never deleted, so use keys from a
 * bounded set (roles, resources), not one per message. Nothing of a key is kept once its
 * lock is released, so the registry needs no expiry.
 */
public final class FileLockRegistry implements LockRegistry<Lock> {

	private final LockManager lockManager;

	private final ThreadHandles handles = new ThreadHandles();

	/**
	 * A registry whose locks are taken through the given manager.
	 * @param lockManager the manager that takes the locks
	 */
	public FileLockRegistry(LockManager lockManager) {
		this.lockManager = Objects.requireNonNull(lockManager, "lockManager must not be null");
	}

	/**
	 * The lock of {@code lockKey}; every lock of the same key is the same lock.
	 * @throws IllegalArgumentException if the key is not a {@code String}
	 */
	@Override
	public Lock obtain(Object lockKey) {
		if (!(lockKey instanceof String name)) {
			throw new IllegalArgumentException("Invalid lock key '" + lockKey + "' ("
					+ ((lockKey != null) ? lockKey.getClass().getName() : "null")
					+ "): FileLockRegistry keys must be Strings, the names of the file locks");
		}
		return new RegistryLock(name, this.lockManager, this.handles);
	}

}
