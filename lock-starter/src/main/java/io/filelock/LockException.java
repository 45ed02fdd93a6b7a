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

	public LockException(String message) {
		super(message);
	}

	public LockException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
