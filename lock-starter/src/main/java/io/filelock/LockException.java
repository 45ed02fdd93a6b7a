package io.filelock;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * A lock could not be acquired, or was used wrongly. Subclasses tell timeouts and
 * interruptions apart from errors such as an unusable lock directory.
 */
public class LockException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * A lock exception without a cause.
	 * @param message what went wrong, naming the lock or its file
	 */
	public LockException(String message) {
		super(message);
	}

	/**
	 * A lock exception with its cause.
	 * @param message what went wrong, naming the lock or its file
	 * @param cause the failure underneath, if any
	 */
	public LockException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
