package io.filelock.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.spi.LockSnapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Which threads of this JVM hold one lock, which wait for it in line, and which one may
 * take the backend's lock for them. The JVM takes the backend's lock once for all its
 * holders (shared holders share it, a thread that holds it enters again at once), and a
 * lock released while a thread of the JVM waits passes to that thread without leaving the
 * JVM.
 * <p>
 * Waiting threads queue in arrival order. A thread that arrives while the lock is free may
 * take it before the head of the line (who needs a moment to wake up), as with a
 * {@code ReentrantLock} that is not fair, but at most {@link #BYPASS_LIMIT} times: then
 * the lock waits for the head. A thread in line is therefore overtaken a bounded number
 * of times and cannot wait past its timeout while the lock keeps changing hands inside
 * the JVM. Shared requests join shared holders unless a thread in line waits to write.
 * <p>
 * The mutex guards state only: the backend is reached outside it by the one thread that
 * {@link Decision#ACQUIRE acquires}, except for the release, so that a call that hangs
 * keeps no other thread past its timeout. A {@link ReentrantLock} rather than
 * {@code synchronized}, so that waiting virtual threads do not pin their carriers.
 */
final class Admission {

	private static final Log logger = LogFactory.getLog(Admission.class);

	/** How many times a waiting thread may be overtaken by later threads of the JVM. */
	static final int BYPASS_LIMIT = 8;

	/**
	 * How many times in a row the backend's lock may go from one thread of this JVM to
	 * the next without being released, while other processes may be waiting for it.
	 */
	static final int HAND_OFF_LIMIT = 16;

	/**
	 * How long after taking the backend's lock it may still go from one thread of this
	 * JVM to the next without being released.
	 */
	static final long HAND_OFF_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/**
	 * What {@link #enter} decided.
	 */
	enum Decision {

		/** The calling thread holds the lock now (reentry or joining shared holders). */
		HELD,
		/**
		 * The calling thread holds the lock now, with the backend's lock that the last
		 * holder kept for the threads of the JVM: the JVM has a new holder.
		 */
		HANDED_OVER,
		/** The calling thread must take the backend's lock: {@link #acquired} when it has. */
		ACQUIRE,
		/** Other threads of this JVM keep it and the time is up. */
		TIMED_OUT

	}

	private final String name;

	private final BackendLock backend;

	private final ReentrantLock mutex = new ReentrantLock();

	private final Map<Object, Hold> holders = new HashMap<>();

	/** The mode the holders hold the lock in; null when nobody holds it. */
	private @Nullable LockMode heldMode;

	/**
	 * The mode the JVM holds the backend's lock in; null when it holds none. Set while
	 * nobody holds the lock, it is kept for a thread of the JVM that waits.
	 */
	private @Nullable LockMode backendMode;

	/** The thread taking the backend's lock for the JVM now, outside the mutex. */
	private @Nullable Thread acquirer;

	private final ArrayDeque<Waiter> line = new ArrayDeque<>();

	private int exclusiveWaiters;

	/** How many times the head of the line has been overtaken. */
	private int bypasses;

	/** How many times in a row the backend's lock went to another thread without being released. */
	private int handOffs;

	/** When the backend's lock was last taken. */
	private long takenNanos;

	private final Turn turn = new Turn();

	Admission(String name, BackendLock backend) {
		this.name = name;
		this.backend = backend;
	}

	/**
	 * Waits, inside the JVM only, until the calling thread holds the lock or may take the
	 * backend's lock, at most {@code remainingNanos} (zero or less: no waiting).
	 */
	Decision enter(Object owner, LockMode mode, long remainingNanos) throws InterruptedException {
		this.mutex.lock();
		try {
			Hold own = this.holders.get(owner);
			if (own != null) {
				if (this.heldMode == LockMode.SHARED && mode == LockMode.EXCLUSIVE) {
					throw new LockException("Cannot acquire lock " + Names.quote(this.name)
							+ " EXCLUSIVE: this thread holds it SHARED and upgrades are not supported (they would "
							+ "deadlock when two holders upgrade at once); release it first");
				}
				own.count++;
				return Decision.HELD;
			}
			if (this.line.isEmpty() || this.bypasses < BYPASS_LIMIT) {
				Decision decision = admit(owner, mode, false);
				if (decision != null) {
					if (!this.line.isEmpty()) {
						this.bypasses++;
					}
					return decision;
				}
			}
			return (remainingNanos > 0) ? waitInLine(owner, mode, remainingNanos) : Decision.TIMED_OUT;
		}
		finally {
			this.mutex.unlock();
		}
	}

	private Decision waitInLine(Object owner, LockMode mode, long remainingNanos) throws InterruptedException {
		Waiter waiter = new Waiter(Thread.currentThread(), mode, this.mutex.newCondition());
		this.line.addLast(waiter);
		if (mode == LockMode.EXCLUSIVE) {
			this.exclusiveWaiters++;
		}
		boolean admitted = false;
		try {
			long nanos = remainingNanos;
			while (true) {
				if (this.line.peekFirst() == waiter) {
					Decision decision = admit(owner, mode, true);
					if (decision != null) {
						admitted = true;
						return decision;
					}
				}
				if (nanos <= 0) {
					return Decision.TIMED_OUT;
				}
				nanos = waiter.turn.awaitNanos(nanos);
			}
		}
		finally {
			boolean wasHead = this.line.peekFirst() == waiter;
			this.line.remove(waiter);
			if (mode == LockMode.EXCLUSIVE) {
				this.exclusiveWaiters--;
			}
			if (wasHead) {
				this.bypasses = 0;
			}
			if (!admitted && this.line.isEmpty() && this.heldMode == null && this.acquirer == null
					&& this.backendMode != null) {
				// kept for threads of the JVM, and none waits any more
				dropKeptLock();
			}
			signalHead();
		}
	}

	/**
	 * Admits the calling thread if the lock's state lets it in.
	 * @param headOfLine whether the thread is first in line (no writer waits before it)
	 * @return null if it must wait
	 */
	private @Nullable Decision admit(Object owner, LockMode mode, boolean headOfLine) {
		if (this.acquirer != null) {
			return null;
		}
		if (this.heldMode != null) {
			if (this.heldMode == LockMode.SHARED && mode == LockMode.SHARED
					&& (headOfLine || this.exclusiveWaiters == 0)) {
				this.holders.put(owner, new Hold(mode));
				return Decision.HELD;
			}
			return null;
		}
		if (this.backendMode == mode) {
			this.heldMode = mode;
			this.holders.put(owner, new Hold(mode));
			return Decision.HANDED_OVER;
		}
		if (this.backendMode != null) {
			// kept in the other mode: let it go and take it in this one
			dropKeptLock();
		}
		this.acquirer = Thread.currentThread();
		return Decision.ACQUIRE;
	}

	/**
	 * The acquirer took the backend's lock: it holds the lock now.
	 * @param straightAway whether it took it at its first attempt
	 * @return the run to look for waiting processes for ({@link Turn#taken}), or
	 * {@link Turn#NO_CHECK}
	 */
	long acquired(Object owner, LockMode mode, boolean straightAway, long nowNanos) {
		this.mutex.lock();
		try {
			this.acquirer = null;
			this.backendMode = mode;
			this.heldMode = mode;
			this.holders.put(owner, new Hold(mode));
			this.handOffs = 0;
			this.takenNanos = nowNanos;
			if (mode == LockMode.SHARED) {
				signalHead();
			}
			return this.turn.taken(straightAway, nowNanos);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * The acquirer gives up (timeout, interrupt, error) and lets the next thread in line
	 * try.
	 */
	void abandon() {
		this.mutex.lock();
		try {
			if (this.acquirer == Thread.currentThread()) {
				this.acquirer = null;
				signalHead();
			}
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Releases one hold of {@code owner}. The backend's lock goes with the last hold of
	 * the JVM, unless a thread of the JVM waits: then it is kept for that thread, at most
	 * {@link #HAND_OFF_LIMIT} times in a row and within {@link #HAND_OFF_WINDOW_NANOS} of
	 * taking it, so that other processes get their turn. A thread handed the kept lock
	 * does not check the lock file's path again: a file deleted or replaced within the
	 * window is noticed by the next acquisition from the backend, as if the first holder
	 * had held it that much longer.
	 * @return true if this was the JVM's last hold
	 * @throws LockException if the backend failed to release (the lock is dropped all
	 * the same)
	 */
	boolean release(Object owner, long nowNanos) {
		this.mutex.lock();
		try {
			Hold hold = this.holders.get(owner);
			if (hold == null || --hold.count > 0) {
				return false;
			}
			this.holders.remove(owner);
			if (!this.holders.isEmpty()) {
				return false;
			}
			this.heldMode = null;
			try {
				if (!this.line.isEmpty() && this.handOffs < HAND_OFF_LIMIT
						&& nowNanos - this.takenNanos < HAND_OFF_WINDOW_NANOS) {
					this.handOffs++;
				}
				else {
					unlockBackend(nowNanos);
				}
			}
			finally {
				signalHead();
			}
			return true;
		}
		finally {
			this.mutex.unlock();
		}
	}

	private void unlockBackend(long nowNanos) {
		this.backendMode = null;
		this.handOffs = 0;
		this.turn.released(nowNanos);
		// the owner record stays: a reader checks it against the holders the kernel lists
		this.backend.unlock();
	}

	/**
	 * Releases a lock kept for the threads of the JVM that nobody took; a failure is
	 * logged, as the lock is dropped all the same.
	 */
	private void dropKeptLock() {
		try {
			unlockBackend(System.nanoTime());
		}
		catch (LockException ex) {
			logger.warn("Releasing lock " + Names.quote(this.name) + " failed; it was dropped: " + ex.getMessage());
		}
	}

	/**
	 * Wakes the head of the line if the lock's state may let it in now; not otherwise,
	 * which would cost it a context switch for nothing.
	 */
	private void signalHead() {
		Waiter head = this.line.peekFirst();
		if (head != null && this.acquirer == null
				&& (this.heldMode == null || (this.heldMode == LockMode.SHARED && head.mode == LockMode.SHARED))) {
			head.turn.signal();
		}
	}

	/**
	 * The answer of a look for waiting processes that {@link #acquired} asked for.
	 */
	void checked(long run, boolean othersWaiting) {
		this.mutex.lock();
		try {
			this.turn.checked(run, othersWaiting);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * How long the acquirer should wait before it tries, to leave the lock to the
	 * processes that waited for the last turn; zero mostly.
	 */
	long courtesyNanos(long nowNanos) {
		this.mutex.lock();
		try {
			return this.turn.courtesyNanos(nowNanos);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Says which threads of this JVM keep the lock, for a timeout message.
	 */
	String describeLocalHolders() {
		this.mutex.lock();
		try {
			List<String> threads = new ArrayList<>();
			this.holders.values().forEach((hold) -> threads.add(hold.thread));
			if (!threads.isEmpty()) {
				return "held " + this.heldMode + " by thread(s) " + threads + " of this process";
			}
			Thread competing = this.acquirer;
			return (competing != null) ? "thread '" + competing.getName() + "' of this process is ahead in line for it"
					: "released meanwhile";
		}
		finally {
			this.mutex.unlock();
		}
	}

	LockSnapshot snapshot(String lockName, BackendKey key) {
		this.mutex.lock();
		try {
			List<LockSnapshot.Holder> holderList = new ArrayList<>();
			this.holders.values()
				.forEach((hold) -> holderList.add(new LockSnapshot.Holder(hold.thread, hold.mode, hold.since, hold.count)));
			List<String> waiting = new ArrayList<>();
			if (this.acquirer != null) {
				waiting.add(this.acquirer.getName());
			}
			this.line.forEach((waiter) -> waiting.add(waiter.thread.getName()));
			return new LockSnapshot(lockName, key.resource().description(), key.resource().file(), this.heldMode,
					holderList, waiting);
		}
		finally {
			this.mutex.unlock();
		}
	}

	private static final class Hold {

		final LockMode mode;

		final String thread = Thread.currentThread().getName();

		final Instant since = Instant.now();

		int count = 1;

		Hold(LockMode mode) {
			this.mode = mode;
		}

	}

	/**
	 * A thread in line, woken through a condition of its own when it may be its turn.
	 */
	private record Waiter(Thread thread, LockMode mode, Condition turn) {
	}

}
