package io.filelock.engine.file;

import java.io.IOException;

import io.filelock.LockMode;
import io.filelock.engine.WaitRefusedException;

/**
 * An open lock file, used by one thread at a time (see {@link io.filelock.engine.BackendLock}).
 */
interface OpenLockFile {

	/**
	 * The file that was opened, whatever its path names now.
	 */
	FileId identity();

	/**
	 * One non-blocking attempt.
	 * @return true if the lock is now held, false if someone else holds it
	 * @throws io.filelock.LockException on any other failure
	 */
	boolean tryLock(LockMode mode);

	/**
	 * Whether the calling thread may wait in the kernel ({@link #lockWaiting}).
	 */
	default boolean canWait() {
		return false;
	}

	/**
	 * Waits in the kernel until the lock is held, {@code nanos} have passed, or the thread
	 * is interrupted.
	 * @return true if the lock is now held, false if the time passed first
	 * @throws InterruptedException if the thread was interrupted
	 * @throws WaitRefusedException if the kernel refused the wait
	 */
	default boolean lockWaiting(LockMode mode, long nanos) throws InterruptedException {
		throw new WaitRefusedException("no kernel wait");
	}

	/**
	 * Whether the file is still open: a {@link #lockWaiting} that could only be ended by
	 * closing the file leaves it closed, and it is opened again.
	 */
	default boolean isOpen() {
		return true;
	}

	/**
	 * Releases the lock; the file stays open.
	 */
	void unlock();

	/**
	 * Writes {@code record} over the start of the file, and cuts the file to the record's
	 * length if it was longer ({@code size}): records all have one size, so a file is
	 * only cut when something else wrote to it. Only called on files in the lock
	 * directory while holding the lock exclusively. Never truncates to zero first: any
	 * {@code ftruncate} is a journalled update on ext4, and truncating a file with
	 * content to zero makes ext4 flush it on close ({@code auto_da_alloc}).
	 * @throws IOException if it could not be written
	 */
	void writeRecord(byte[] record, long size) throws IOException;

	/**
	 * Closes the file, releasing any lock still held.
	 */
	void close();

}
