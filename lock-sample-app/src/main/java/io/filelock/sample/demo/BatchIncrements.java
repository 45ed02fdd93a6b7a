package io.filelock.sample.demo;

import io.filelock.FileLocked;
import io.filelock.sample.counter.CounterFile;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * One increment of the counter file, through the same code with and without the lock so
 * that the race without it is real. Each call is told when it was made, so that the time
 * it waited for the lock can be recorded as it enters.
 */
@Component
@Profile("batch")
class BatchIncrements {

	private final CounterFile counterFile;

	private final WaitSamples waits = new WaitSamples(1024);

	BatchIncrements(CounterFile counterFile) {
		this.counterFile = counterFile;
	}

	@FileLocked("counter")
	public void locked(long calledAtNanos) {
		increment(calledAtNanos);
	}

	public void unlocked(long calledAtNanos) {
		increment(calledAtNanos);
	}

	private void increment(long calledAtNanos) {
		this.waits.record(System.nanoTime() - calledAtNanos);
		this.counterFile.increment();
	}

	WaitSamples waits() {
		return this.waits;
	}

}
