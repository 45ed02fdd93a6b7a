package io.filelock.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Really sleeps, and counts the backoff sleeps: zero shows that a wait happened in the
 * kernel rather than by polling.
 */
public final class CountingSleeper implements Sleeper {

	public final AtomicInteger sleeps = new AtomicInteger();

	@Override
	public void sleep(long nanos) throws InterruptedException {
		this.sleeps.incrementAndGet();
		Sleeper.SYSTEM.sleep(nanos);
	}

}
