package io.filelock.spi;

import java.time.Duration;
import java.util.Locale;

import io.filelock.LockMode;

/**
 * Told of every acquisition attempt and release, and of every lock lost, so that metrics
 * can be recorded without the locking code knowing Micrometer. Called on the caller's
 * thread; must be fast and must not throw.
 */
public interface LockListener {

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

	/**
	 * A held lock was lost: the database session that held it ended (a server restart,
	 * {@code pg_terminate_backend}, a network cut), so it no longer excludes anyone while
	 * its holders may still be working. Called on a thread of the lock manager's.
	 * @param lock the lock's metric name: the name, or the template it was made from
	 * @param mode the mode the lock was held in
	 */
	default void lockLost(String lock, LockMode mode) {
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
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One finished acquisition.
	 * @param lock the lock's metric name: the name, or the template it was made from
	 * @param mode the requested mode
	 * @param outcome how it ended
	 * @param waited time from the call to its end
	 * @param attempts attempts made on the lock outside the JVM (0 when it was settled
	 * inside the JVM)
	 */
	record AcquireEvent(String lock, LockMode mode, Outcome outcome, Duration waited, int attempts) {
	}

}
