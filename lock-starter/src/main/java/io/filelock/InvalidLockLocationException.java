package io.filelock;

import java.io.Serial;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where locks are to be held cannot work: the lock directory is a file, cannot be
 * created, or is controlled by another user; the file of a lock with a path of its own is
 * a directory, or its directory is missing or controlled by another user. Thrown by
 * {@link io.filelock.spi.LockPreflight#checkLocations()}, which tells at startup what the
 * first lock would.
 */
public class InvalidLockLocationException extends LockException {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The location, as a string: a path is not serializable. */
	private final String location;

	/** The lock whose own file it is, or null for the lock directory. */
	private final @Nullable String lock;

	/** Why it cannot work, and the fix where there is one. */
	private final String reason;

	/**
	 * Names the location, the lock it belongs to and the reason.
	 * @param location the lock directory, or the file of a lock with a path of its own
	 * @param lock the lock whose file {@code location} is, or null if it is the lock
	 * directory
	 * @param reason why it cannot work: {@code must be a directory, but it is a file}
	 */
	public InvalidLockLocationException(Path location, @Nullable String lock, String reason) {
		super(((lock != null) ? "Invalid path '" + location + "' of lock '" + lock + "'"
				: "Invalid lock directory '" + location + "'") + ": " + reason);
		this.location = location.toString();
		this.lock = lock;
		this.reason = reason;
	}

	/**
	 * The lock directory, or the file of a lock with a path of its own.
	 * @return the location
	 */
	public Path getLocation() {
		return Path.of(this.location);
	}

	/**
	 * The lock whose own file the location is.
	 * @return the lock's name, or null if the location is the lock directory
	 */
	public @Nullable String getLock() {
		return this.lock;
	}

	/**
	 * Why the location cannot work, and the fix where there is one.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
