package io.filelock.engine;

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
 */
final class Waiting {

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
		long millis = this.execution.nextBackOff();
		return TimeUnit.MILLISECONDS
			.toNanos((millis == BackOffExecution.STOP) ? this.backoff.maxDelay().toMillis() : millis);
	}

	private static BackOffExecution start(Backoff backoff) {
		ExponentialBackOff exponential = new ExponentialBackOff(backoff.initialDelay().toMillis(),
				backoff.multiplier());
		exponential.setMaxInterval(backoff.maxDelay().toMillis());
		exponential.setJitter(backoff.jitter().toMillis());
		exponential.setMaxElapsedTime(Long.MAX_VALUE);
		return exponential.start();
	}

}
