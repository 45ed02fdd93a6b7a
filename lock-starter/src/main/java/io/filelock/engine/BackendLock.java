package io.filelock.engine;

import io.filelock.LockMode;

/**
 * The JVM's handle on one lock outside it. The coordination lets one thread at a time
 * call {@link #tryLock}, {@link #awaitLock}, {@link #unlock} and {@link #close}, and holds
 * no lock of its own meanwhile, so that a call that hangs (a dead NFS server) holds up
 * that thread alone.
 */
public interface BackendLock {

	/**
	 * One attempt. On success the lock is held on what the key names now (a lock file
	 * replaced meanwhile is not the one held), and the backend has noted the holder.
	 * @return true if the JVM holds the lock now, false if someone else holds it
	 * @throws io.filelock.LockException on any other failure
	 */
	boolean tryLock(LockMode mode);

	/**
	 * Whether the calling thread may {@link #awaitLock wait in the backend's queue}.
	 */
	boolean canAwait();

	/**
	 * Waits in the backend's own queue (the kernel's, the server's) until the lock is
	 * held, {@code nanos} have passed, or the thread is interrupted.
	 * @return true if the JVM holds the lock now, as after {@link #tryLock}; false if the
	 * time passed first
	 * @throws InterruptedException if the thread was interrupted (nothing is held then)
	 * @throws WaitRefusedException if the backend will not let the thread wait: the
	 * caller polls instead
	 * @throws io.filelock.LockException on any other failure
	 */
	boolean awaitLock(LockMode mode, long nanos) throws InterruptedException;

	/**
	 * Releases the lock. When the release fails, the lock is dropped all the same (the
	 * file closed, the session ended) before the failure is thrown.
	 * @throws io.filelock.LockException if the release failed
	 */
	void unlock();

	/**
	 * Whether processes other than {@code pid} wait in the backend's queue for the lock;
	 * false where it cannot be told. May take milliseconds: never called by a thread that
	 * holds the lock on behalf of the others.
	 */
	boolean othersWaiting(long pid);

	/**
	 * Whether the lock was lost while held (its database session ended), from the moment
	 * the backend noticed until {@link #unlock}: the backend's {@link LossListener} was
	 * told, and {@link #unlock} has nothing to release. Lock files are never lost.
	 */
	default boolean isLost() {
		return false;
	}

	/**
	 * Releases what is open; a lock still held is dropped.
	 */
	void close();

}
