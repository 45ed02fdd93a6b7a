package io.filelock;

import java.io.Serial;
import java.time.Duration;

/**
 * A lock was still held by someone else when the timeout ran out. The message names the
 * lock, its file, the mode, how long the caller waited, how many attempts it made, and
 * quotes the holder's owner record when there is one.
 */
public class LockTimeoutException extends LockException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String lockName;

	private final Duration waited;

	private final int attempts;

	public LockTimeoutException(String message, String lockName, Duration waited, int attempts) {
		super(message);
		this.lockName = lockName;
		this.waited = waited;
		this.attempts = attempts;
	}

	public String lockName() {
		return this.lockName;
	}

	public Duration waited() {
		return this.waited;
	}

	public int attempts() {
		return this.attempts;
	}

}
