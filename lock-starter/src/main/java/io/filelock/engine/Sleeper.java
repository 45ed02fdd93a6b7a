package io.filelock.engine;

import java.util.concurrent.TimeUnit;

/**
 * Sleeps between attempts to take a lock held by another process; replaceable in tests.
 * Must be interruptible and must not pin a virtual thread's carrier.
 */
@FunctionalInterface
public interface Sleeper {

	Sleeper SYSTEM = TimeUnit.NANOSECONDS::sleep;

	void sleep(long nanos) throws InterruptedException;

}
