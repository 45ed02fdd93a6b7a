package io.filelock.engine;

import java.nio.file.Path;

import io.filelock.LockException;
import io.filelock.LockStrategy;
import org.jspecify.annotations.Nullable;

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

	/**
	 * Whether its files can wait for a lock in the kernel
	 * ({@link OpenLockFile#lockWaiting}).
	 */
	default boolean waitsInKernel() {
		return false;
	}

	/**
	 * Whether the calling thread may wait in the kernel, where the strategy
	 * {@link #waitsInKernel() can}.
	 */
	default boolean kernelWaitUsableByCurrentThread() {
		return true;
	}

	static LockFileStrategy select(LockStrategy requested) {
		return select(requested, LibC.AVAILABLE ? null : LibC.UNAVAILABLE_REASON);
	}

	/**
	 * Picks the strategy; {@code AUTO} takes FLOCK where native access works and falls
	 * back to FCNTL with one WARN line elsewhere.
	 * @param nativeUnavailable why {@code flock(2)} cannot be called here, or null if it
	 * can
	 */
	static LockFileStrategy select(LockStrategy requested, @Nullable String nativeUnavailable) {
		return switch (requested) {
			case FCNTL -> new FcntlStrategy();
			case FLOCK -> {
				if (nativeUnavailable != null) {
					throw new LockException(
							"Lock strategy FLOCK was requested but is not available: " + nativeUnavailable
									+ "; use FCNTL (POSIX locks, pure Java) or AUTO to fall back to it");
				}
				yield new FlockStrategy();
			}
			case AUTO -> (nativeUnavailable == null) ? new FlockStrategy() : FcntlStrategy.fallback(nativeUnavailable);
		};
	}

}
