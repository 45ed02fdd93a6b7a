package io.filelock;

import java.time.Duration;
import java.util.Objects;

/**
 * How a waiting caller spaces its attempts to take a lock that another process holds:
 * the first retry after {@code initialDelay}, each next delay {@code multiplier} times
 * the previous one, never more than {@code maxDelay}, each shifted at random. The first
 * attempt is always made at once.
 * <p>
 * Jitter works as in Spring's {@code ExponentialBackOff}: it grows with the delay, so a
 * delay {@code d} is drawn from {@code d ± jitter × d / initialDelay}, kept within
 * {@code [initialDelay, maxDelay]}. With the defaults, delays at the cap are spread over
 * the whole range from 1 to 50 ms, so that waiters do not retry in step. No delay is
 * shorter than 100 µs, whatever is set here: a waiter never spins.
 *
 * @param initialDelay delay before the first retry
 * @param multiplier factor applied to the delay after each retry, at least 1
 * @param maxDelay upper bound of a delay, at least {@code initialDelay}
 * @param jitter random variation of the first delay, scaled with the delay after it
 */
public record Backoff(Duration initialDelay, double multiplier, Duration maxDelay, Duration jitter) {

	/**
	 * The defaults: 1 ms, doubling, at most 50 ms, 1 ms of jitter.
	 */
	public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(50),
			Duration.ofMillis(1));

	/**
	 * Checks the values.
	 * @param initialDelay delay before the first retry, at least zero
	 * @param multiplier factor applied to the delay after each retry, at least 1
	 * @param maxDelay upper bound of a delay, at least {@code initialDelay}
	 * @param jitter random variation of the first delay, at least zero
	 * @throws InvalidLockSettingException naming the value that is out of range
	 */
	public Backoff {
		Objects.requireNonNull(initialDelay, "initialDelay must not be null");
		Objects.requireNonNull(maxDelay, "maxDelay must not be null");
		Objects.requireNonNull(jitter, "jitter must not be null");
		InvalidLockSettingException.notNegative("initialDelay", initialDelay);
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new InvalidLockSettingException("multiplier", multiplier, "must be a number of at least 1");
		}
		if (maxDelay.compareTo(initialDelay) < 0) {
			throw new InvalidLockSettingException("maxDelay", maxDelay,
					"must be at least the initial delay (" + InvalidLockSettingException.format(initialDelay) + ")");
		}
		InvalidLockSettingException.notNegative("jitter", jitter);
	}

	/**
	 * This backoff with another initial delay.
	 * @param initialDelay delay before the first retry
	 * @return a new backoff
	 */
	public Backoff withInitialDelay(Duration initialDelay) {
		return new Backoff(initialDelay, this.multiplier, this.maxDelay, this.jitter);
	}

	/**
	 * This backoff with another multiplier.
	 * @param multiplier factor applied to the delay after each retry, at least 1
	 * @return a new backoff
	 */
	public Backoff withMultiplier(double multiplier) {
		return new Backoff(this.initialDelay, multiplier, this.maxDelay, this.jitter);
	}

	/**
	 * This backoff with another maximum delay.
	 * @param maxDelay upper bound of a delay, at least the initial delay
	 * @return a new backoff
	 */
	public Backoff withMaxDelay(Duration maxDelay) {
		return new Backoff(this.initialDelay, this.multiplier, maxDelay, this.jitter);
	}

	/**
	 * This backoff with another jitter.
	 * @param jitter random variation of the first delay, scaled with the delay after it
	 * @return a new backoff
	 */
	public Backoff withJitter(Duration jitter) {
		return new Backoff(this.initialDelay, this.multiplier, this.maxDelay, jitter);
	}

}
