package io.filelock.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * Sleeps between attempts to take a lock held by another process; replaceable in tests.
 * Must be interruptible and must not pin a virtual thread's carrier.
 */
@FunctionalInterface
public interface Sleeper {

	/**
	 * Parks for the time given, to the microsecond: {@code Thread.sleep} before JDK 21
	 * rounds anything under a millisecond up to one.
	 */
	Sleeper SYSTEM = (nanos) -> {
		long deadline = System.nanoTime() + nanos;
		for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
	};

	void sleep(long nanos) throws InterruptedException;

}
