package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Path;

import io.filelock.LockException;
import io.filelock.LockStrategy;
import org.jspecify.annotations.Nullable;

/**
 * Opens lock files for one kind of operating-system lock.
 */
public interface LockFileStrategy {

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
	 * Reads at most {@code max} bytes from the start of an existing file, without locking
	 * it and without disturbing a lock this JVM holds on it.
	 * @throws java.nio.file.NoSuchFileException if there is no file
	 */
	byte[] read(Path path, int max) throws IOException;

	/**
	 * Whether waiting in the kernel is possible at all here (threads may still be
	 * refused, see {@link OpenLockFile#canWait}).
	 */
	boolean waitsInKernel();

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
			case FLOCK, BOTH -> {
				if (nativeUnavailable != null) {
					throw new LockException("Lock strategy " + requested + " was requested but is not available: "
							+ nativeUnavailable + "; use FCNTL (POSIX locks, pure Java) or AUTO to fall back to it");
				}
				yield (requested == LockStrategy.FLOCK) ? new FlockStrategy()
						: new BothStrategy(new FlockStrategy(), new FcntlStrategy());
			}
			case AUTO -> (nativeUnavailable == null) ? new FlockStrategy() : FcntlStrategy.fallback(nativeUnavailable);
		};
	}

}
