package io.filelock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How one lock is waited for, and where its file is.
 *
 * @param timeout how long {@link LockManager#acquire(String)} waits; zero means one
 * attempt
 * @param backoff how attempts are spaced while waiting for another process
 * @param path an explicit lock file, or {@code null} for {@code <directory>/<name>.lock}.
 * An explicit file is locked but never written to, so it can be shared with
 * {@code flock(1)} and other tools.
 */
public record LockPolicy(Duration timeout, Backoff backoff, @Nullable Path path) {

	/**
	 * Checks the values.
	 * @param timeout how long to wait, at least zero
	 * @param backoff how attempts are spaced
	 * @param path an explicit lock file, or {@code null}
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public LockPolicy {
		Objects.requireNonNull(timeout, "timeout must not be null");
		Objects.requireNonNull(backoff, "backoff must not be null");
		InvalidLockSettingException.notNegative("timeout", timeout);
	}

	/**
	 * This policy with another timeout.
	 * @param timeout how long to wait; zero means one attempt
	 * @return a new policy
	 */
	public LockPolicy withTimeout(Duration timeout) {
		return new LockPolicy(timeout, this.backoff, this.path);
	}

	/**
	 * This policy with another backoff.
	 * @param backoff how attempts are spaced
	 * @return a new policy
	 */
	public LockPolicy withBackoff(Backoff backoff) {
		return new LockPolicy(this.timeout, backoff, this.path);
	}

	/**
	 * This policy with another lock file.
	 * @param path an explicit lock file, or {@code null} for the one in the lock directory
	 * @return a new policy
	 */
	public LockPolicy withPath(@Nullable Path path) {
		return new LockPolicy(this.timeout, this.backoff, path);
	}

}
