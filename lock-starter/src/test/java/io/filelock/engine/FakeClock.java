package io.filelock.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Ticker} that only moves when its {@link Sleeper} sleeps, so that tests of
 * waiting never really sleep and see every delay.
 */
public final class FakeClock implements Ticker, Sleeper {

	private volatile long now = 1_000_000_000L;

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private final Runnable onSleep;

	public FakeClock() {
		this(() -> {
		});
	}

	/**
	 * @param onSleep run after each sleep, on the sleeping thread
	 */
	public FakeClock(Runnable onSleep) {
		this.onSleep = onSleep;
	}

	@Override
	public long nanoTime() {
		return this.now;
	}

	@Override
	public void sleep(long nanos) {
		if (nanos <= 0) {
			// the caller would call again at once, and again: a spinning waiter
			throw new AssertionError("A sleep of " + nanos + " ns: the waiter would spin");
		}
		this.sleeps.add(Duration.ofNanos(nanos));
		this.now += nanos;
		this.onSleep.run();
	}

	public List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

}
