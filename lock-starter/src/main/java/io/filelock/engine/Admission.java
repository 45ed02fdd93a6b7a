package io.filelock.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.engine.Line.Waiter;
import io.filelock.spi.LockSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Admits the threads of this JVM to one lock: who holds it ({@link Holds}), who waits in
 * {@link Line}, and which one thread may take the backend's lock for the others. The JVM
 * takes the backend's lock once for all its holders (shared holders share it, a holder
 * enters again at once), and a lock released while a thread of the JVM waits passes to
 * that thread without leaving the JVM. A hold's owner is the thread that took it, or a
 * {@link DetachedOwner}: no one enters a detached hold again, and any thread may release
 * it, under the same rules.
 * <p>
 * The mutex guards state only: the backend is reached outside it, by the one thread that
 * was told to {@link Decision#ACQUIRE acquire}, except to release the lock, so that a call
 * that hangs (a dead NFS server) keeps no other thread past its timeout. A
 * {@link ReentrantLock} rather than {@code synchronized}, so that waiting virtual threads
 * do not pin their carriers.
 */
final class Admission {

	private final String name;

	/** The mutex of the lock's state, shared with its {@link BackendHold}. */
	private final ReentrantLock mutex;

	private final Holds holds = new Holds();

	private final Line line = new Line(Ticker.SYSTEM);

	/** The mode the holders hold the lock in; null when nobody holds it. */
	private @Nullable LockMode heldMode;

	/** The backend's lock as the JVM holds it, kept or lost. */
	private final BackendHold backend;

	/** The thread taking the backend's lock for the JVM now, outside the mutex. */
	private @Nullable Thread acquirer;

	Admission(String name, BackendHold backend) {
		this.name = name;
		this.backend = backend;
		this.mutex = backend.mutex;
	}

	/**
	 * Whether {@code owner} holds the lock now.
	 */
	boolean isHeldBy(Object owner) {
		this.mutex.lock();
		try {
			return this.holds.contains(owner);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Waits, inside the JVM only, until {@code owner} holds the lock or may take the
	 * backend's lock, at most {@code remainingNanos} (zero or less: no waiting).
	 * @throws LockException if the owner holds it shared and asks for it exclusively
	 */
	Decision enter(Object owner, LockMode mode, long remainingNanos) throws InterruptedException {
		this.mutex.lock();
		try {
			if (this.holds.contains(owner)) {
				if (this.backend.isLost()) {
					throw new LockException("Cannot acquire lock " + Names.quote(this.name) + " again: this thread "
							+ "holds it, but it was lost (its session ended) and excludes nobody; release it first");
				}
				if (this.heldMode == LockMode.SHARED && mode == LockMode.EXCLUSIVE) {
					throw new LockException("Cannot acquire lock " + Names.quote(this.name)
							+ " EXCLUSIVE: this thread holds it SHARED and upgrades are not supported (they would "
							+ "deadlock when two holders upgrade at once); release it first");
				}
				this.holds.enterAgain(owner);
				return Decision.HELD;
			}
			if (this.line.mayBeOvertaken()) {
				Decision decision = admit(owner, mode, false);
				if (decision != null) {
					this.line.overtaken();
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
		Waiter waiter = this.line.join(mode, this.mutex.newCondition());
		boolean admitted = false;
		try {
			long nanos = remainingNanos;
			while (true) {
				if (this.line.isHead(waiter)) {
					Decision decision = admit(owner, mode, true);
					if (decision != null) {
						admitted = true;
						return decision;
					}
				}
				if (nanos <= 0) {
					return Decision.TIMED_OUT;
				}
				nanos = waiter.turn().awaitNanos(nanos);
			}
		}
		finally {
			this.line.leave(waiter);
			if (!admitted && this.line.isEmpty() && this.heldMode == null && this.acquirer == null
					&& this.backend.mode() != null) {
				// kept for the threads of the JVM, and none waits any more
				this.backend.dropKept();
			}
			signalHead();
		}
	}

	/**
	 * Admits {@code owner} if the lock's state lets it in.
	 * @param headOfLine whether it is first in line (no writer waits before it)
	 * @return null if it must wait
	 */
	private @Nullable Decision admit(Object owner, LockMode mode, boolean headOfLine) {
		if (this.acquirer != null) {
			return null;
		}
		if (this.heldMode != null) {
			if (this.backend.isLost()) {
				return null;
			}
			if (this.heldMode == LockMode.SHARED && mode == LockMode.SHARED
					&& (headOfLine || !this.line.writerWaiting())) {
				this.holds.add(owner, mode);
				return Decision.HELD;
			}
			return null;
		}
		if (this.backend.mode() == mode) {
			this.heldMode = mode;
			this.holds.add(owner, mode);
			return Decision.HANDED_OVER;
		}
		if (this.backend.mode() != null) {
			// kept in the other mode: let it go and take it in this one
			this.backend.dropKept();
		}
		this.acquirer = Thread.currentThread();
		return Decision.ACQUIRE;
	}

	/**
	 * The acquirer took the backend's lock: {@code owner} holds the lock now.
	 * @param straightAway whether it took it at its first attempt
	 * @return the run to look for waiting processes for ({@link Turn#taken}), or
	 * {@link Turn#NO_CHECK}
	 */
	long acquired(Object owner, LockMode mode, boolean straightAway, long nowNanos) {
		this.mutex.lock();
		try {
			this.acquirer = null;
			this.heldMode = mode;
			this.holds.add(owner, mode);
			long run = this.backend.taken(mode, straightAway, nowNanos);
			signalHead();
			return run;
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * The acquirer gives up (timeout, interrupt, error) and lets the head of the line try.
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
	 * Releases one hold of {@code owner}, on whichever thread closes its handle. The
	 * backend's lock goes with the last hold of the JVM, unless a thread of the JVM waits:
	 * then it is kept for that thread as long as the {@link HandOff} allows. A thread
	 * handed the kept lock does not check the lock file's path again: a file deleted or
	 * replaced within the hand-off window is noticed by the next acquisition from the
	 * backend, as if the first holder had held it that much longer.
	 * @return true if this was the JVM's last hold
	 * @throws LockException if the backend failed to release (the lock is dropped all
	 * the same)
	 */
	boolean release(Object owner, long nowNanos) {
		this.mutex.lock();
		try {
			if (!this.holds.release(owner) || !this.holds.isEmpty()) {
				return false;
			}
			this.heldMode = null;
			try {
				if (this.line.isEmpty() || !this.backend.keepForWaiter(nowNanos)) {
					this.backend.unlock(nowNanos);
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

	/**
	 * Wakes the head of the line if the lock's state may let it in now; not otherwise,
	 * which would cost it a context switch for nothing.
	 */
	private void signalHead() {
		if (this.acquirer == null) {
			this.line.signalHead((mode) -> this.heldMode == null
					|| (this.heldMode == LockMode.SHARED && mode == LockMode.SHARED));
		}
	}

	/**
	 * The backend reports the loss of its lock. Its holders keep it inside the JVM until
	 * they release it; a lock kept for a waiting thread is let go, so that the thread
	 * takes it anew.
	 * @return the mode the JVM held the lost lock in, or null if the JVM holds no lost
	 * lock now (it was released, or taken anew, since the backend noticed)
	 */
	@Nullable LockMode lose() {
		this.mutex.lock();
		try {
			LockMode mode = this.backend.lose(this.heldMode != null);
			if (mode != null && this.heldMode == null) {
				signalHead();
			}
			return mode;
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
			String holders = this.holds.describe(this.heldMode);
			if (holders != null) {
				return holders;
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
			List<String> waiting = new ArrayList<>();
			if (this.acquirer != null) {
				waiting.add(this.acquirer.getName());
			}
			waiting.addAll(this.line.threadNames());
			return new LockSnapshot(lockName, key.resource().description(), key.resource().file(), this.heldMode,
					this.holds.snapshot(), waiting, this.backend.isLost());
		}
		finally {
			this.mutex.unlock();
		}
	}

}
