package io.filelock.engine;

import io.filelock.LockMode;

/**
 * An open lock file. Calls are made under the owning {@link LockEntry}'s mutex, so an
 * implementation need not be thread-safe.
 */
interface OpenLockFile {

	/**
	 * One non-blocking attempt.
	 * @return true if the lock is now held, false if someone else holds it
	 * @throws io.filelock.LockException on any other failure
	 */
	boolean tryLock(LockMode mode);

	/**
	 * Waits in the kernel until the lock is held, {@code nanos} have passed, or the thread
	 * is interrupted; only called where the strategy {@link LockFileStrategy#waitsInKernel()
	 * waits in the kernel}, and without the entry's mutex (only the acquiring thread uses
	 * the file meanwhile).
	 * @return true if the lock is now held, false if the time passed first
	 * @throws InterruptedException if the thread was interrupted
	 */
	default boolean lockWaiting(LockMode mode, long nanos) throws InterruptedException {
		throw new UnsupportedOperationException("no kernel wait");
	}

	/**
	 * Whether the file is still open: a {@link #lockWaiting} that could only be ended by
	 * closing the file leaves it closed, and the entry opens it again.
	 */
	default boolean isOpen() {
		return true;
	}

	/**
	 * Releases the lock; the file stays open.
	 */
	void unlock();

	/**
	 * Replaces the file's content with {@code record}. Only called on managed files while
	 * holding the lock exclusively. Writes first and cuts a longer tail after, and only on
	 * the first write (records all have {@link OwnerRecordWriter#SIZE one size}):
	 * truncating a file with content to zero and then writing it makes ext4 flush it on
	 * close ({@code auto_da_alloc}), which costs a disk write per acquisition.
	 * @throws java.io.IOException if it could not be written
	 */
	void writeRecord(byte[] record) throws java.io.IOException;

	/**
	 * Reads at most {@code max} bytes from the start of the file.
	 */
	byte[] readRecord(int max) throws java.io.IOException;

	/**
	 * Closes the file, releasing any lock still held.
	 */
	void close();

}
