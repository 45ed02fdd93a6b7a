package io.filelock.spi;

/**
 * A {@link io.filelock.LockManager} that can tell before its first lock whether the
 * places where it holds locks work, so that an application fails at startup rather than
 * at its first lock. The auto-configuration calls it on the manager it builds.
 */
public interface LockPreflight {

	/**
	 * Prepares and checks now what the first lock would: for lock files, creates the lock
	 * directory (with its permissions) and checks it and the directories of the locks
	 * with files of their own. Every lock checks again, as things may change.
	 * @throws io.filelock.InvalidLockLocationException naming the location that cannot
	 * work and why
	 */
	void checkLocations();

}
