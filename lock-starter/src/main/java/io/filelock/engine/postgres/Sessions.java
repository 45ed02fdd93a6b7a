package io.filelock.engine.postgres;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import io.filelock.LockException;
import io.filelock.engine.DaemonThreads;
import io.filelock.engine.WaitRefusedException;
import org.jspecify.annotations.Nullable;

/**
 * The backend's sessions, at most {@code max} open at once. One, the control session,
 * runs the short statements of every thread (a try, a release, a look at the holders),
 * one at a time, and holds the locks they take. A thread that waits in the server's queue
 * blocks its session in {@code pg_advisory_lock} for as long as it waits, so it borrows a
 * session of its own that holds nothing else; once it has the lock, that session holds it
 * (a lock cannot move between sessions) and runs its release, and it is lent again only
 * once it holds nothing. A waiter never borrows a session that holds locks, so a release
 * never queues behind a wait. One place is always left for the control session: with
 * {@code max} 1 nobody waits in the server's queue, and a waiter that finds no session
 * free is refused ({@link WaitRefusedException}) and retries with its backoff instead.
 * <p>
 * A session found unusable is {@link #end ended}: closed, and the locks it held marked
 * lost and reported. Idle spare sessions are closed after {@link #SPARE_IDLE_NANOS}.
 */
final class Sessions {

	/** How long a spare session (holding nothing, lent to nobody) stays open unused. */
	static final long SPARE_IDLE_NANOS = 60_000_000_000L;

	/** Opens the sessions of waits, each on a thread of its own, reused while idle. */
	private static final ExecutorService OPENER = Executors
		.newCachedThreadPool(DaemonThreads.named("file-lock-postgres-connect"));

	/**
	 * Told of the locks that went with an ended session.
	 */
	@FunctionalInterface
	interface Losses {

		void lost(List<AdvisoryKey> keys, String reason);

	}

	private final Connector connector;

	private final int max;

	private final Losses losses;

	/** Guards the fields below; never held while a session talks to the server. */
	private final ReentrantLock mutex = new ReentrantLock();

	private final ControlSession control = new ControlSession();

	private final List<Session> open = new ArrayList<>();

	/** Sessions that hold nothing and are lent to nobody, most recently used first. */
	private final ArrayDeque<Session> spare = new ArrayDeque<>();

	/** Sessions being opened for waits. */
	private int opening;

	private final Runnable onOpen;

	Sessions(Connector connector, int max, Losses losses, Runnable onOpen) {
		this.connector = connector;
		this.max = max;
		this.losses = losses;
		this.onOpen = onOpen;
	}

	int max() {
		return this.max;
	}

	/**
	 * The control session, opened if there is none.
	 * @throws LockException if it cannot be opened
	 */
	Session control() {
		return this.control.get(this.connector::open, (opened) -> {
			// counted among the open sessions before it is the control session: the count errs high, never low
			this.mutex.lock();
			try {
				this.open.add(opened);
			}
			finally {
				this.mutex.unlock();
			}
			this.onOpen.run();
		});
	}

	/**
	 * A session that holds nothing, lent to the calling thread to wait in the server's
	 * queue for at most {@code nanos}; {@link #giveBack} it after the wait.
	 * @return the session, or null if opening one takes longer than {@code nanos} (it is
	 * kept as a spare once open)
	 * @throws WaitRefusedException if every place is taken
	 * @throws InterruptedException if the thread is interrupted while a session opens
	 * @throws LockException if a new session cannot be opened
	 */
	@Nullable Session borrowForWait(long nanos) throws InterruptedException {
		this.mutex.lock();
		try {
			for (Session reused = this.spare.poll(); reused != null; reused = this.spare.poll()) {
				if (!reused.isEnded()) {
					reused.borrowed = true;
					return reused;
				}
			}
			int places = this.open.size() + this.opening + ((this.control.current() == null) ? 1 : 0);
			if (places >= this.max) {
				throw new WaitRefusedException("All " + this.max + " PostgreSQL sessions (file-lock.postgres.max-sessions)"
						+ " are in use: one for short statements, the others waiting for or holding other locks");
			}
			this.opening++;
		}
		finally {
			this.mutex.unlock();
		}
		// opened on a thread of its own, so that a server slow to answer (up to connect-timeout) holds the wait no
		// longer than the time it has left; a session opened after that is kept as a spare for the next wait
		CompletableFuture<Session> opening = CompletableFuture.supplyAsync(this::openForWait, OPENER);
		try {
			return opening.get(nanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			opening.thenAccept(this::giveBack);
			return null;
		}
		catch (InterruptedException ex) {
			opening.thenAccept(this::giveBack);
			throw ex;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new LockException("Cannot open a PostgreSQL session: " + ex.getCause(), ex.getCause());
		}
	}

	/**
	 * Opens a session for a wait, among the open ones and lent to the waiter, which
	 * {@link #giveBack gives it back} if it stopped waiting for it.
	 */
	private Session openForWait() {
		Session opened;
		try {
			opened = this.connector.open();
		}
		finally {
			this.mutex.lock();
			try {
				this.opening--;
			}
			finally {
				this.mutex.unlock();
			}
		}
		this.mutex.lock();
		try {
			opened.borrowed = true;
			this.open.add(opened);
		}
		finally {
			this.mutex.unlock();
		}
		this.onOpen.run();
		return opened;
	}

	/**
	 * The wait on a borrowed session is over: it holds the lock it waited for, or is
	 * spare again.
	 */
	void giveBack(Session session) {
		this.mutex.lock();
		try {
			session.borrowed = false;
			makeSpareIfIdle(session);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * A lock held on {@code session} was released: it may be spare now.
	 */
	void released(Session session) {
		this.mutex.lock();
		try {
			makeSpareIfIdle(session);
		}
		finally {
			this.mutex.unlock();
		}
	}

	private void makeSpareIfIdle(Session session) {
		if (!this.control.is(session) && !session.borrowed && !session.isEnded() && session.held.isEmpty()
				&& !this.spare.contains(session)) {
			session.lastAnswerNanos = System.nanoTime();
			this.spare.push(session);
		}
	}

	/**
	 * Ends a session that is unusable (or that a cancel may still reach): closes it, and
	 * reports the locks it held as lost. Only the first call for a session does anything.
	 */
	void end(Session session, String reason) {
		if (!session.end()) {
			return;
		}
		this.mutex.lock();
		try {
			this.open.remove(session);
			this.spare.remove(session);
			this.control.forget(session);
		}
		finally {
			this.mutex.unlock();
		}
		session.close();
		List<AdvisoryKey> lost = new ArrayList<>();
		for (AdvisoryLock lock : session.held) {
			if (lock.lostWith(session)) {
				lost.add(lock.key);
			}
		}
		session.held.clear();
		if (!lost.isEmpty()) {
			this.losses.lost(lost, session + " ended: " + reason);
		}
	}

	List<Session> openSessions() {
		this.mutex.lock();
		try {
			return List.copyOf(this.open);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Closes the spare sessions unused for {@code idleNanos}.
	 */
	void closeSpares(long idleNanos) {
		List<Session> idle = new ArrayList<>();
		this.mutex.lock();
		try {
			long now = System.nanoTime();
			for (Iterator<Session> sessions = this.spare.iterator(); sessions.hasNext();) {
				Session session = sessions.next();
				if (now - session.lastAnswerNanos >= idleNanos) {
					sessions.remove();
					idle.add(session);
				}
			}
		}
		finally {
			this.mutex.unlock();
		}
		idle.forEach((session) -> end(session, "closed after being idle"));
	}

	/**
	 * Closes every session that holds nothing and is not in use; sessions that hold
	 * locks stay.
	 */
	void closeIdle() {
		closeSpares(0);
		Session current = this.control.current();
		if (current != null && current.held.isEmpty() && current.mutex.tryLock()) {
			try {
				if (current.held.isEmpty()) {
					end(current, "closed while idle");
				}
			}
			finally {
				current.mutex.unlock();
			}
		}
	}

}
