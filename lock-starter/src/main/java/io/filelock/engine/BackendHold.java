package io.filelock.engine;

import java.util.concurrent.locks.ReentrantLock;

import io.filelock.LockException;
import io.filelock.LockMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's hold of the backend's lock for one {@link Admission}: the mode the backend's
 * lock is held in (kept for a waiting thread of the JVM while nobody holds the lock),
 * whether it was lost under its holders, the {@link HandOff} window and the {@link Turn}s
 * for other processes. Its {@link #mutex} guards the lock's state: {@link #checked} and
 * {@link #courtesyNanos} take it, {@link #isLost()} and {@link #losses()} need it not, and
 * every other call is made by the {@link Admission} under it.
 */
final class BackendHold {

	private static final Log logger = LogFactory.getLog(BackendHold.class);

	private final String name;

	private final BackendLock backend;

	/** The mutex of the lock's state, shared with its {@link Admission}. */
	final ReentrantLock mutex = new ReentrantLock();

	/**
	 * The mode the JVM holds the backend's lock in; null when it holds none. Set while
	 * nobody holds the lock, it is kept for a thread of the JVM that waits.
	 */
	private @Nullable LockMode mode;

	/**
	 * Whether the backend's lock was lost while held: nobody joins its holders, and it
	 * is let go (never handed over) with their last release.
	 */
	private volatile boolean lost;

	/** How many times the backend's lock was lost; handles compare it with their own. */
	private volatile long losses;

	private final HandOff handOff = new HandOff();

	private final Turn turn = new Turn();

	BackendHold(String name, BackendLock backend) {
		this.name = name;
		this.backend = backend;
	}

	@Nullable LockMode mode() {
		return this.mode;
	}

	/**
	 * The JVM took the backend's lock in {@code mode}.
	 * @return the run to look for waiting processes for ({@link Turn#taken}), or
	 * {@link Turn#NO_CHECK}
	 */
	long taken(LockMode mode, boolean straightAway, long nowNanos) {
		this.mode = mode;
		this.handOff.taken(nowNanos);
		return this.turn.taken(straightAway, nowNanos);
	}

	/**
	 * The last holder released: whether the backend's lock may be kept for a waiting
	 * thread of the JVM (never a lost one).
	 */
	boolean keepForWaiter(long nowNanos) {
		return !this.lost && this.handOff.keep(nowNanos);
	}

	/**
	 * Releases the backend's lock. The owner record stays: a reader checks it against the
	 * holders the backend lists.
	 * @throws LockException if the backend failed to release (the lock is dropped all
	 * the same)
	 */
	void unlock(long nowNanos) {
		this.mode = null;
		this.lost = false;
		this.handOff.released();
		this.turn.released(nowNanos);
		this.backend.unlock();
	}

	/**
	 * Releases a lock kept for the threads of the JVM that none took; a failure is only
	 * logged, as the lock is dropped all the same.
	 */
	void dropKept() {
		try {
			unlock(System.nanoTime());
		}
		catch (LockException ex) {
			logger.warn("Releasing lock " + Names.quote(this.name) + " failed; it was dropped: " + ex.getMessage());
		}
	}

	/**
	 * The backend reports the loss of its lock: a lock that holders hold is marked lost
	 * (they keep it inside the JVM until they release it), a lock kept for a waiting
	 * thread is let go, so that the thread takes it anew.
	 * @param held whether threads of the JVM hold the lock
	 * @return the mode the JVM held the lost lock in, or null if it holds no lost lock
	 * now (it was released, or taken anew, since the backend noticed)
	 */
	@Nullable LockMode lose(boolean held) {
		LockMode lostMode = this.mode;
		if (lostMode == null || this.lost || !this.backend.isLost()) {
			return null;
		}
		this.losses++;
		if (held) {
			this.lost = true;
		}
		else {
			dropKept();
		}
		return lostMode;
	}

	boolean isLost() {
		return this.lost;
	}

	long losses() {
		return this.losses;
	}

	/**
	 * The answer of a look for waiting processes that {@link #taken} asked for.
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

}
