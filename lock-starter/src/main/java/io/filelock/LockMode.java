package io.filelock;

/**
 * How a lock is held.
 *
 * @see LockManager
 */
public enum LockMode {

	/**
	 * Held by one thread of one process at a time; excludes every other holder.
	 */
	EXCLUSIVE,

	/**
	 * Held by any number of threads and processes at once; excludes {@link #EXCLUSIVE}
	 * holders only.
	 */
	SHARED

}
