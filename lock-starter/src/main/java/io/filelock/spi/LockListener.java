package io.filelock.spi;

import java.time.Duration;
import java.util.Locale;

import io.filelock.LockMode;

/**
 * Told of every acquisition attempt and release, and of every lock lost, so that metrics
 * can be recorded without the locking code knowing Micrometer. Called on the thread that
 * acquires or releases (for a {@link io.filelock.LockRequest#detached() detached} hold,
 * whichever thread closes its handle); must be fast and must not throw.
 */
public interface LockListener {

	/**
	 * An acquisition ended, successfully or not.
	 * @param event how it ended
	 */
	default void acquireFinished(AcquireEvent event) {
	}

	/**
	 * A lock held for {@code held} was released.
	 * @param lock the lock's metric name: the name, or the template it was made from
	 * @param mode the mode it was held in
	 * @param held how long it was held
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

		/** The lock is held. */
		ACQUIRED,
		/** Still held elsewhere at the timeout: a {@code LockTimeoutException}. */
		TIMEOUT,
		/**
		 * Still held elsewhere at the timeout, and the caller had asked to go without it
		 * rather than fail: {@code tryAcquire}, {@code @FileLocked(onTimeout = SKIP)}. A
		 * single-instance job that another copy runs ends so every time: not a timeout.
		 */
		SKIPPED,
		/** The waiting thread was interrupted. */
		INTERRUPTED,
		/** The lock could not be used (an unusable lock file, a bad name). */
		ERROR;

		/**
		 * The metric tag value: {@code acquired}, {@code timeout}, …
		 * @return the name in lower case
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
