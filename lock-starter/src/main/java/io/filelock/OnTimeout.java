package io.filelock;

/**
 * What a {@link FileLocked @FileLocked} method does when its lock cannot be acquired in
 * time.
 */
public enum OnTimeout {

	/**
	 * Throw a {@link LockTimeoutException}; the method is not invoked.
	 */
	THROW,

	/**
	 * Skip the method: it is not invoked and the call returns {@code null},
	 * {@code Optional.empty()} or the primitive default. This is the single-instance job
	 * pattern: of several running copies, the one that gets the lock runs, the others
	 * skip.
	 */
	SKIP

}
