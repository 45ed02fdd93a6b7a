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

	/** The name of the lock that was waited for. */
	private final String lockName;

	/** How long the caller waited. */
	private final Duration waited;

	/** How many attempts it made on the lock outside the JVM. */
	private final int attempts;

	/**
	 * A timeout.
	 * @param message the whole story: lock, file, mode, wait, attempts, holder
	 * @param lockName the name of the lock that was waited for
	 * @param waited how long the caller waited
	 * @param attempts how many attempts it made on the lock outside the JVM
	 */
	public LockTimeoutException(String message, String lockName, Duration waited, int attempts) {
		super(message);
		this.lockName = lockName;
		this.waited = waited;
		this.attempts = attempts;
	}

	/**
	 * The name of the lock that was waited for.
	 * @return the lock's name
	 */
	public String lockName() {
		return this.lockName;
	}

	/**
	 * How long the caller waited.
	 * @return the wait
	 */
	public Duration waited() {
		return this.waited;
	}

	/**
	 * How many attempts the caller made on the lock outside the JVM.
	 * @return the attempts, 0 when it was settled inside the JVM
	 */
	public int attempts() {
		return this.attempts;
	}

}
