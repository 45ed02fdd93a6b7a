package io.filelock.engine.postgres;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.engine.BackendLock;
import io.filelock.engine.WaitRefusedException;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's hold on one advisory lock: tried on the control session, waited for on a
 * session of its own ({@link Sessions}), released on the session that holds it. A wait
 * ends at the caller's timeout through the server's {@code lock_timeout}, and on an
 * interrupt through a cancel request ({@link SessionWatch}), after which its session is
 * ended, since a late cancel could hit a later statement.
 * <p>
 * Used by one thread at a time, as every {@link BackendLock}; the only other thread is the
 * one that finds its session ended and marks it {@link #lostWith lost}.
 */
final class AdvisoryLock implements BackendLock {

	final AdvisoryKey key;

	private final Sessions sessions;

	private final SessionWatch watch;

	private final RefusedWaits refusedWaits;

	private final long slackMillis;

	/** The session that holds the lock, or null; guarded by this. */
	private @Nullable Session heldOn;

	private LockMode heldMode = LockMode.EXCLUSIVE;

	private volatile boolean lost;

	/**
	 * @param slackMillis how much longer than its timeout a wait's connection may stay
	 * silent before it is taken for broken
	 */
	AdvisoryLock(AdvisoryKey key, Sessions sessions, SessionWatch watch, RefusedWaits refusedWaits, long slackMillis) {
		this.key = key;
		this.sessions = sessions;
		this.refusedWaits = refusedWaits;
		this.watch = watch;
		this.slackMillis = slackMillis;
	}

	@Override
	public boolean tryLock(LockMode mode) {
		for (int attempt = 1;; attempt++) {
			Session session = this.sessions.control();
			try {
				return session.tryLock(this.key.value, mode) && held(session, mode);
			}
			catch (SessionEndedException ex) {
				// a session can end while idle (a server restart): one more try, on a new one
				this.sessions.end(session, ex.getMessage());
				if (attempt == 2) {
					throw new LockException("Cannot lock " + this.key + ": " + session + " ended: " + ex.getMessage(),
							ex);
				}
			}
		}
	}

	@Override
	public boolean canAwait() {
		return this.sessions.max() > 1;
	}

	@Override
	public boolean awaitLock(LockMode mode, long nanos) throws InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		Session session;
		try {
			session = this.sessions.borrowForWait(nanos);
		}
		catch (WaitRefusedException ex) {
			this.refusedWaits.refused(this.key, true);
			throw ex;
		}
		catch (LockException ex) {
			if (Thread.currentThread().isInterrupted() || Connector.interrupted(ex)) {
				// the driver opens a connection on a thread of its own, and gives up when the caller is interrupted
				throw interrupted();
			}
			throw ex;
		}
		if (session == null) {
			throw new WaitRefusedException("Opening a PostgreSQL session takes longer than the wait has left: "
					+ "retrying with the backoff instead");
		}
		boolean ended = false;
		SessionWatch.Wait wait = this.watch.watch(Thread.currentThread(), session);
		try {
			boolean locked = session.awaitLock(this.key.value, mode, toMillis(nanos), this.slackMillis);
			if (!wait.finish()) {
				// interrupted: a cancel may still reach the session, and would end a later statement
				ended = true;
				this.sessions.end(session, "the wait for " + this.key + " was interrupted");
				throw interrupted();
			}
			return locked && held(session, mode);
		}
		catch (SQLException ex) {
			ended = true;
			this.sessions.end(session, ex.getMessage());
			if (!wait.finish()) {
				throw interrupted();
			}
			throw new LockException("PostgreSQL refused the wait for " + this.key + ": " + ex.getMessage(), ex);
		}
		catch (SessionEndedException ex) {
			ended = true;
			this.sessions.end(session, ex.getMessage());
			if (!wait.finish()) {
				throw interrupted();
			}
			throw new LockException("Lost " + session + " while waiting for " + this.key + ": " + ex.getMessage(), ex);
		}
		finally {
			wait.finish();
			if (!ended) {
				this.sessions.giveBack(session);
			}
		}
	}

	private static InterruptedException interrupted() {
		Thread.interrupted();
		return new InterruptedException();
	}

	private static long toMillis(long nanos) {
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
	}

	private boolean held(Session session, LockMode mode) {
		this.refusedWaits.refused(this.key, false);
		synchronized (this) {
			this.heldOn = session;
			this.heldMode = mode;
			this.lost = false;
		}
		session.held.add(this);
		if (session.isEnded() && lostWith(session)) {
			// ended between the grant and now: the lock went with it
			this.lost = false;
			throw new LockException("Lost " + this.key + " right after taking it: " + session + " ended");
		}
		return true;
	}

	@Override
	public void unlock() {
		Session session;
		LockMode mode;
		synchronized (this) {
			if (this.lost) {
				// nothing to release: the server released it with its session
				this.lost = false;
				return;
			}
			session = this.heldOn;
			mode = this.heldMode;
			this.heldOn = null;
		}
		if (session == null) {
			return;
		}
		session.held.remove(this);
		try {
			if (!session.unlock(this.key.value, mode)) {
				throw new LockException("Releasing " + this.key + " found that " + session + " did not hold it");
			}
		}
		catch (SessionEndedException ex) {
			this.sessions.end(session, ex.getMessage());
			throw new LockException("Releasing " + this.key + " failed: " + session + " ended (" + ex.getMessage()
					+ "), and the server released the lock with it, possibly before the holder was done", ex);
		}
		finally {
			this.sessions.released(session);
		}
	}

	/**
	 * The session that held the lock ended.
	 * @return true if the lock was held on it (it is lost now)
	 */
	synchronized boolean lostWith(Session session) {
		if (this.heldOn != session) {
			return false;
		}
		this.heldOn = null;
		this.lost = true;
		return true;
	}

	@Override
	public boolean isLost() {
		return this.lost;
	}

	@Override
	public boolean othersWaiting(long pid) {
		// the server grants a released lock to the first session in its queue: no process needs a turn
		return false;
	}

	@Override
	public void close() {
		boolean holding;
		synchronized (this) {
			holding = this.heldOn != null || this.lost;
		}
		if (holding) {
			unlock();
		}
	}

}
