package io.filelock.engine;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.function.Predicate;

import io.filelock.LockMode;

/**
 * The threads of this JVM waiting for one lock, in arrival order, each woken through a
 * condition of its own. A thread that did not wait may take the lock before the head of
 * the line (who needs a moment to wake up), but at most {@link #BYPASS_LIMIT} times and
 * only within {@link #BYPASS_WINDOW_NANOS} of its becoming the head: then the lock waits
 * for the head. The count bounds how often a head is overtaken by short holds, the window
 * how long by long ones; while it lasts, a lock taken and released in microseconds does
 * not lie idle for each wake-up of a parked thread. Guarded by the owning
 * {@link Admission}'s mutex.
 */
final class Line {

	/** How many times the head of the line may be overtaken by threads that did not wait. */
	static final int BYPASS_LIMIT = 64;

	/** How long after becoming the head of the line a thread may be overtaken. */
	static final long BYPASS_WINDOW_NANOS = 1_000_000;

	private final Ticker ticker;

	private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	private int exclusiveWaiters;

	/** How many times the head of the line has been overtaken. */
	private int bypasses;

	/** When the head of the line became the head. */
	private long headSinceNanos;

	Line(Ticker ticker) {
		this.ticker = ticker;
	}

	Waiter join(LockMode mode, Condition turn) {
		Waiter waiter = new Waiter(Thread.currentThread(), mode, turn);
		if (this.waiters.isEmpty()) {
			newHead();
		}
		this.waiters.addLast(waiter);
		if (mode == LockMode.EXCLUSIVE) {
			this.exclusiveWaiters++;
		}
		return waiter;
	}

	void leave(Waiter waiter) {
		if (this.waiters.peekFirst() == waiter) {
			newHead();
		}
		this.waiters.remove(waiter);
		if (waiter.mode() == LockMode.EXCLUSIVE) {
			this.exclusiveWaiters--;
		}
	}

	private void newHead() {
		this.bypasses = 0;
		this.headSinceNanos = this.ticker.nanoTime();
	}

	boolean isHead(Waiter waiter) {
		return this.waiters.peekFirst() == waiter;
	}

	boolean isEmpty() {
		return this.waiters.isEmpty();
	}

	/**
	 * Whether a thread that did not wait may take the lock now.
	 */
	boolean mayBeOvertaken() {
		return this.waiters.isEmpty() || (this.bypasses < BYPASS_LIMIT
				&& this.ticker.nanoTime() - this.headSinceNanos < BYPASS_WINDOW_NANOS);
	}

	/**
	 * A thread that did not wait took the lock.
	 */
	void overtaken() {
		if (!this.waiters.isEmpty()) {
			this.bypasses++;
		}
	}

	/**
	 * Whether a thread waits to take the lock exclusively: shared requests that did not
	 * wait do not join shared holders then, so that writers are not starved.
	 */
	boolean writerWaiting() {
		return this.exclusiveWaiters > 0;
	}

	/**
	 * Wakes the head of the line if {@code mayEnter} says its mode may be admitted now.
	 */
	void signalHead(Predicate<LockMode> mayEnter) {
		Waiter head = this.waiters.peekFirst();
		if (head != null && mayEnter.test(head.mode())) {
			head.turn().signal();
		}
	}

	List<String> threadNames() {
		return this.waiters.stream().map((waiter) -> waiter.thread().getName()).toList();
	}

	/**
	 * A thread in line.
	 */
	record Waiter(Thread thread, LockMode mode, Condition turn) {
	}

}
