package io.filelock.engine;

import java.util.concurrent.TimeUnit;

/**
 * How long the JVM has been taking one lock straight back after releasing it, and whether
 * it owes the other processes a turn. A process that takes a lock again at once wins
 * nearly every time against a waiter the kernel has only just woken, so once such a run
 * has lasted {@link #TURN_NANOS} the JVM looks whether others wait in the kernel; if they
 * do, its next acquisition after the release waits {@link #COURTESY_NANOS} first.
 * <p>
 * The look is taken by {@link TurnWatch}, on a thread of its own. The run goes on while
 * the look is taken, and the courtesy applies at the first release after the answer, if
 * the run has not been broken meanwhile.
 * <p>
 * "Straight back" means at the first attempt and within {@link #COURTESY_NANOS} of the
 * JVM's own release. A process that works between its acquisitions for longer than that
 * gives a woken waiter all the time it needs, so it owes nobody a turn: it neither looks
 * nor waits.
 * <p>
 * Not thread-safe: guarded by the owning {@link Admission}'s mutex.
 */
final class Turn {

	/**
	 * How long the JVM may keep taking the backend's lock straight back before it
	 * looks whether other processes wait for it.
	 */
	static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/**
	 * How long the next acquisition waits after a release at the end of a turn that others
	 * waited for: long enough for the kernel to wake a blocked process on another core.
	 */
	static final long COURTESY_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	/** What {@link #taken} returns when no look is due. */
	static final long NO_CHECK = -1;

	private boolean started;

	private long startNanos;

	private long releasedNanos;

	/** Which run of taking the lock straight back this is; a look answers for one run. */
	private long run;

	/** Whether a look for waiting processes is under way. */
	private boolean checking;

	/** Whether other processes were seen waiting in the kernel during this run. */
	private boolean othersWaiting;

	private boolean courtesyDue;

	private long courtesyUntilNanos;

	/**
	 * The JVM took the backend's lock, straight away (at the first attempt) or
	 * after waiting.
	 * @return the run to look for waiting processes for, if this run of taking the lock
	 * straight back has lasted {@link #TURN_NANOS} and no look is under way; otherwise
	 * {@link #NO_CHECK}
	 */
	long taken(boolean straightAway, long nowNanos) {
		if (!straightAway || !this.started || nowNanos - this.releasedNanos >= COURTESY_NANOS) {
			this.started = true;
			this.startNanos = nowNanos;
			this.run++;
			this.othersWaiting = false;
			return NO_CHECK;
		}
		if (this.checking || nowNanos - this.startNanos < TURN_NANOS) {
			return NO_CHECK;
		}
		this.startNanos = nowNanos;
		this.checking = true;
		return this.run;
	}

	/**
	 * The answer of a look that {@link #taken} asked for: if others wait and the run has
	 * not been broken meanwhile, the acquisition after the next release waits.
	 */
	void checked(long run, boolean othersWaiting) {
		this.checking = false;
		if (othersWaiting && run == this.run) {
			this.othersWaiting = true;
		}
	}

	/**
	 * The JVM released the backend's lock.
	 */
	void released(long nowNanos) {
		this.releasedNanos = nowNanos;
		if (this.othersWaiting) {
			this.othersWaiting = false;
			this.courtesyDue = true;
			this.courtesyUntilNanos = nowNanos + COURTESY_NANOS;
		}
	}

	/**
	 * How long the next attempt should wait to leave the lock to the processes that waited
	 * for the last turn; zero mostly. A new turn begins after it.
	 */
	long courtesyNanos(long nowNanos) {
		if (!this.courtesyDue) {
			return 0;
		}
		this.courtesyDue = false;
		// a new run begins after it
		this.started = false;
		return Math.max(0, this.courtesyUntilNanos - nowNanos);
	}

}
