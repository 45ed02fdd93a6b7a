package io.filelock.testsupport;

import java.nio.file.Path;

import io.filelock.LockMode;

/**
 * Another process that locks the same files as the manager under test, with the kind of
 * lock its strategy must exclude: {@code flock(1)} for FLOCK, {@code FileChannel.lock} in
 * a second JVM for FCNTL.
 */
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
public interface ForeignLocks extends AutoCloseable {

	/**
	 * One non-blocking attempt by the other process, released at once.
	 * @return whether it got the lock
	 */
	boolean canLock(Path file, LockMode mode) throws Exception;

	/**
	 * The other process takes {@code file} exclusively and keeps it until the returned
	 * hold is closed.
	 */
	Hold hold(Path file) throws Exception;

	/**
	 * A lock held by the other process.
	 */
	interface Hold extends AutoCloseable {

		@Override
		void close() throws Exception;

	}

	@Override
	default void close() throws Exception {
	}

}
