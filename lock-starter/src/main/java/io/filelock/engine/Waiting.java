package io.filelock.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.filelock.Backoff;
import org.jspecify.annotations.Nullable;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Sleeps between attempts of one acquisition, with the delays of Spring's
 * {@link ExponentialBackOff}, each cut to the time left before the deadline. The backoff
 * is only started when a first attempt failed, so an uncontended acquisition allocates
 * nothing here.
 * <p>
 * The backoff is computed in microseconds ({@code ExponentialBackOff}'s arithmetic does
 * not depend on the unit), so that delays under a millisecond are kept rather than
 * truncated to zero, and no delay is shorter than {@link #SHORTEST_DELAY_NANOS}: a delay
 * of zero would make the waiter retry at once, again and again, on a whole core.
 */
final class Waiting {

	/** The shortest delay between two attempts. */
	static final long SHORTEST_DELAY_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

	private final Backoff backoff;

	private final Sleeper sleeper;

	private @Nullable BackOffExecution execution;

	Waiting(Backoff backoff, Sleeper sleeper) {
		this.backoff = backoff;
		this.sleeper = sleeper;
	}

	/**
	 * Sleeps for the next delay, or {@code remainingNanos} if that is shorter.
	 */
	void sleep(long remainingNanos) throws InterruptedException {
		this.sleeper.sleep(Math.min(nextDelayNanos(), remainingNanos));
	}

	long nextDelayNanos() {
		if (this.execution == null) {
			this.execution = start(this.backoff);
		}
		long micros = this.execution.nextBackOff();
		long nanos = (micros == BackOffExecution.STOP) ? this.backoff.maxDelay().toNanos()
				: TimeUnit.MICROSECONDS.toNanos(micros);
		return Math.max(nanos, SHORTEST_DELAY_NANOS);
	}

	private static BackOffExecution start(Backoff backoff) {
		long shortest = TimeUnit.NANOSECONDS.toMicros(SHORTEST_DELAY_NANOS);
		long initial = Math.max(micros(backoff.initialDelay()), shortest);
		ExponentialBackOff exponential = new ExponentialBackOff(initial, backoff.multiplier());
		exponential.setMaxInterval(Math.max(micros(backoff.maxDelay()), initial));
		exponential.setJitter(micros(backoff.jitter()));
		exponential.setMaxElapsedTime(Long.MAX_VALUE);
		return exponential.start();
	}

	private static long micros(Duration duration) {
		try {
			return TimeUnit.NANOSECONDS.toMicros(duration.toNanos());
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 4;
		}
	}

}
