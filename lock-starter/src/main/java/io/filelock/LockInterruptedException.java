package io.filelock;

import java.io.Serial;

/**
 * The thread was interrupted while it waited for a lock. Nothing is held afterwards, and
 * the thread's interrupt flag is set again before this is thrown.
 */
public class LockInterruptedException extends LockException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * An interrupted wait.
	 * @param message which lock was waited for
	 * @param cause the interruption
	 */
	public LockInterruptedException(String message, InterruptedException cause) {
		super(message, cause);
	}

}
