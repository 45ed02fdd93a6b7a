package io.filelock.engine;

/**
 * A monotonic clock in nanoseconds, replaceable in tests.
 */
@FunctionalInterface
public interface Ticker {

	Ticker SYSTEM = System::nanoTime;

	long nanoTime();

}
