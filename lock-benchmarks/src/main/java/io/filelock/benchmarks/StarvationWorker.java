package io.filelock.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * One thread of W7: from the start signal until the deadline, takes the lock, holds it
 * ({@link LockSupport#parkNanos}), releases it; records each attempt's start and wait,
 * which attempts timed out, and each hold. The deadline is written before the start latch
 * opens, which makes it visible to the thread.
 */
final class StarvationWorker implements Runnable {

	private final Section section;

	private final CountDownLatch start;

	private final long[] deadline;

	private final long holdNanos;

	final Samples starts = new Samples();

	final Samples waits = new Samples();

	/** The indexes of the attempts that timed out. */
	final Samples timedOut = new Samples();

	final Samples holds = new Samples();

	int timeouts;

	@Nullable Throwable failure;

	StarvationWorker(Section section, CountDownLatch start, long[] deadline, long holdNanos) {
		this.section = section;
		this.start = start;
		this.deadline = deadline;
		this.holdNanos = holdNanos;
	}

	long deadline() {
		return this.deadline[0];
	}

	@Override
	public void run() {
		try {
			this.start.await();
			long end = this.deadline[0];
			while (System.nanoTime() - end < 0) {
				long began = System.nanoTime();
				AutoCloseable held = this.section.enter();
				long acquired = System.nanoTime();
				this.starts.add(began);
				this.waits.add(acquired - began);
				if (held == null) {
					this.timedOut.add(this.waits.size() - 1);
					this.timeouts++;
					continue;
				}
				LockSupport.parkNanos(this.holdNanos);
				this.holds.add(System.nanoTime() - acquired);
				held.close();
			}
		}
		catch (Throwable ex) {
			this.failure = ex;
		}
	}

	/**
	 * Takes the lock once.
	 */
	@FunctionalInterface
	interface Section {

		/**
		 * @return what releases the lock, or null if the timeout passed first
		 */
		@Nullable AutoCloseable enter() throws Exception;

	}

}
