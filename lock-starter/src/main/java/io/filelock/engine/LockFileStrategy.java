package io.filelock.engine;

import java.nio.file.Path;

import io.filelock.LockStrategy;

/**
 * Opens lock files for one kind of operating-system lock.
 */
interface LockFileStrategy {

	LockStrategy kind();

	/**
	 * Opens (creating if needed, never truncating, never following a symbolic link) the
	 * lock file.
	 * @param managed whether the file is in the lock directory and may carry an owner
	 * record; unmanaged files are never written
	 * @throws io.filelock.LockException if the file cannot be opened
	 */
	OpenLockFile open(Path path, boolean managed);

	static LockFileStrategy select(LockStrategy requested) {
		return switch (requested) {
			case FCNTL -> new FcntlStrategy();
			case FLOCK -> {
				if (!LibC.AVAILABLE) {
					throw new io.filelock.LockException(
							"Lock strategy FLOCK was requested but is not available: " + LibC.UNAVAILABLE_REASON);
				}
				yield new FlockStrategy();
			}
			case AUTO -> LibC.AVAILABLE ? new FlockStrategy() : FcntlStrategy.fallback(LibC.UNAVAILABLE_REASON);
		};
	}

}
