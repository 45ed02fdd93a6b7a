package io.filelock.engine;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;

import io.filelock.LockMode;

/**
 * The threads of this JVM waiting for one lock, in arrival order, each woken through a
 * condition of its own. A thread that did not wait may take the lock before the head of
 * the line (who needs a moment to wake up), but at most {@link #BYPASS_LIMIT} times: then
 * the lock waits for the head. Guarded by the owning {@link Admission}'s mutex.
 */
final class Line {

	/** How many times the head of the line may be overtaken by threads that did not wait. */
	static final int BYPASS_LIMIT = 8;

	private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	private int exclusiveWaiters;

	/** How many times the head of the line has been overtaken. */
	private int bypasses;

	Waiter join(LockMode mode, Condition turn) {
		Waiter waiter = new Waiter(Thread.currentThread(), mode, turn);
		this.waiters.addLast(waiter);
		if (mode == LockMode.EXCLUSIVE) {
			this.exclusiveWaiters++;
		}
		return waiter;
	}

	void leave(Waiter waiter) {
		if (this.waiters.peekFirst() == waiter) {
			// a new head, overtaken no times yet
			this.bypasses = 0;
		}
		this.waiters.remove(waiter);
		if (waiter.mode() == LockMode.EXCLUSIVE) {
			this.exclusiveWaiters--;
		}
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
		return this.waiters.isEmpty() || this.bypasses < BYPASS_LIMIT;
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
	void signalHead(java.util.function.Predicate<LockMode> mayEnter) {
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
