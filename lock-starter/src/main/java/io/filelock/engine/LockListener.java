package io.filelock.engine;

import java.time.Duration;
import java.util.List;

import io.filelock.LockMode;

/**
 * Told of every acquisition attempt and release, so that metrics can be recorded without
 * the engine knowing Micrometer. Called on the caller's thread; must be fast and must not
 * throw.
 */
public interface LockListener {

	/**
	 * A no-op listener.
	 */
	LockListener NONE = new LockListener() {
	};

	/**
	 * An acquisition ended, successfully or not.
	 */
	default void acquireFinished(AcquireEvent event) {
	}

	/**
	 * A lock held for {@code held} was released.
	 * @param lock the lock's metric name: the name, or the template it was made from
	 */
	default void released(String lock, LockMode mode, Duration held) {
	}

	static LockListener composite(List<LockListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<LockListener> copy = List.copyOf(listeners);
		return new LockListener() {

			@Override
			public void acquireFinished(AcquireEvent event) {
				copy.forEach((listener) -> listener.acquireFinished(event));
			}

			@Override
			public void released(String lock, LockMode mode, Duration held) {
				copy.forEach((listener) -> listener.released(lock, mode, held));
			}

		};
	}

	/**
	 * How an acquisition ended.
	 */
	enum Outcome {

		ACQUIRED, TIMEOUT, INTERRUPTED, ERROR;

		/**
		 * The metric tag value: {@code acquired}, {@code timeout}, …
		 */
		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * One finished acquisition.
	 * @param lock the lock's metric name: the name, or the template it was made from
	 * @param mode the requested mode
	 * @param outcome how it ended
	 * @param waited time from the call to its end
	 * @param attempts operating-system lock attempts made (0 when it was settled inside
	 * the JVM)
	 */
	record AcquireEvent(String lock, LockMode mode, Outcome outcome, Duration waited, int attempts) {
	}

}
