package io.filelock.testsupport;

import io.filelock.LockMode;

/**
 * Another process that takes the same locks as the manager under test, by name, with the
 * kind of lock its backend must exclude: {@code flock(1)} or a second JVM's
 * {@code FileChannel} on the lock file, another PostgreSQL session on the advisory key.
 */
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
public interface ForeignLockHolder {

	/**
	 * One non-blocking attempt by the other process, released at once.
	 * @return whether it got the lock
	 */
	boolean canLock(String name, LockMode mode) throws Exception;

	/**
	 * The other process takes lock {@code name} exclusively and keeps it until the
	 * returned hold is closed.
	 */
	Hold hold(String name) throws Exception;

	/**
	 * A lock held by the other process.
	 */
	interface Hold extends AutoCloseable {

		@Override
		void close() throws Exception;

	}

}
