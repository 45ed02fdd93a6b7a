package io.filelock.engine;

import java.util.concurrent.TimeUnit;

/**
 * When a lock released while a thread of this JVM waits may pass to that thread without
 * the backend's lock being released: at most {@link #LIMIT} times in a row, and within
 * {@link #WINDOW_NANOS} of taking the backend's lock, so that other processes get their
 * turn. Guarded by the owning {@link Admission}'s mutex.
 */
final class HandOff {

	/**
	 * How many times in a row the backend's lock may go from one thread of this JVM to
	 * the next without being released.
	 */
	static final int LIMIT = 16;

	/**
	 * How long after taking the backend's lock it may still go from one thread of this
	 * JVM to the next without being released.
	 */
	static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private int count;

	private long takenNanos;

	/**
	 * The backend's lock was taken.
	 */
	void taken(long nowNanos) {
		this.count = 0;
		this.takenNanos = nowNanos;
	}

	/**
	 * Whether the backend's lock, released by the JVM's last holder now, may be kept for
	 * a thread of the JVM that waits; counted as one more hand-off if so.
	 */
	boolean keep(long nowNanos) {
		if (this.count < LIMIT && nowNanos - this.takenNanos < WINDOW_NANOS) {
			this.count++;
			return true;
		}
		return false;
	}

	/**
	 * The backend's lock was released.
	 */
	void released() {
		this.count = 0;
	}

}
