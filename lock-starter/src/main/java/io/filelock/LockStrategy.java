package io.filelock;

/**
 * Which operating-system lock a {@link LockManager} takes on its lock files.
 */
public enum LockStrategy {

	/**
	 * {@link #FLOCK} where the native call is available (Linux, macOS), otherwise
	 * {@link #FCNTL} with a warning.
	 */
	AUTO,

	/**
	 * BSD {@code flock(2)} through JNA. Excludes {@code flock(1)}, Python
	 * {@code fcntl.flock} and every other {@code flock} user of the same file.
	 */
	FLOCK,

	/**
	 * POSIX record locks through {@link java.nio.channels.FileChannel}: pure Java and
	 * portable (Windows too). Excludes other JVMs and Python {@code fcntl.lockf}, but not
	 * {@code flock(1)} on Linux.
	 */
	FCNTL,

	/**
	 * {@link #FLOCK}, then a POSIX lock ({@link #FCNTL}) on the same file, in that order
	 * for every holder and released in the reverse order: one file excludes the users of
	 * either kind at once ({@code flock(1)}, py-filelock, portalocker, fasteners,
	 * {@code fcntl.lockf}, other JVMs' {@code FileChannel.lock()}). Needs the native
	 * {@code flock(2)} call.
	 */
	BOTH

}
