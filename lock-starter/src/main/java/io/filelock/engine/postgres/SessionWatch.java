package io.filelock.engine.postgres;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.engine.DaemonThreads;
import org.jspecify.annotations.Nullable;

/**
 * Watches the backend's sessions from threads of its own:
 * <ul>
 * <li>every keepalive interval, each session that holds locks and has not answered for
 * that long gets one round trip ({@code SELECT true, pg_backend_pid()}, bounded by twice
 * the interval); a session that fails it is ended and its locks reported lost. A busy
 * session (one whose statements keep answering) costs nothing, and a cut-off holder
 * learns of its loss within about two intervals;</li>
 * <li>idle spare sessions are closed;</li>
 * <li>every {@value #INTERRUPT_POLL_MILLIS} ms, each thread waiting in the server's queue
 * is looked at, and an interrupted one's wait is cancelled.</li>
 * </ul>
 * The threads are daemons shared by every backend of the JVM, and go away when idle.
 */
final class SessionWatch {

	static final long INTERRUPT_POLL_MILLIS = 20;

	private static final ScheduledThreadPoolExecutor timer = timer();

	/** Work that may block on the network: checks, cancels, loss reports. */
	static final ExecutorService workers = workers();

	private final Sessions sessions;

	private final long intervalNanos;

	private @Nullable ScheduledFuture<?> ticks;

	SessionWatch(Sessions sessions, long intervalNanos) {
		this.sessions = sessions;
		this.intervalNanos = intervalNanos;
	}

	/**
	 * Starts the periodic checks, if they are not running.
	 */
	synchronized void start() {
		if (this.ticks == null) {
			this.ticks = timer.scheduleWithFixedDelay(() -> workers.execute(this::tick), this.intervalNanos,
					this.intervalNanos, TimeUnit.NANOSECONDS);
		}
	}

	private synchronized void stop() {
		if (this.ticks != null) {
			this.ticks.cancel(false);
			this.ticks = null;
		}
	}

	private void tick() {
		long now = System.nanoTime();
		boolean any = false;
		for (Session session : this.sessions.openSessions()) {
			any = true;
			if (!session.borrowed && !session.held.isEmpty() && now - session.lastAnswerNanos >= this.intervalNanos
					&& !session.mutex.isLocked()) {
				workers.execute(() -> check(session));
			}
		}
		this.sessions.closeSpares(Sessions.SPARE_IDLE_NANOS);
		if (!any) {
			stop();
			// a session opened meanwhile starts the checks again
			if (!this.sessions.openSessions().isEmpty()) {
				start();
			}
		}
	}

	private void check(Session session) {
		try {
			session.check();
		}
		catch (SessionEndedException ex) {
			this.sessions.end(session, ex.getMessage());
		}
		catch (RuntimeException ex) {
			this.sessions.end(session, "its keepalive check failed: " + ex.getMessage());
		}
	}

	/**
	 * Watches a thread waiting on {@code session} until {@link Wait#finish}.
	 */
	Wait watch(Thread waiter, Session session) {
		Wait wait = new Wait(waiter, session);
		wait.poll = timer.scheduleWithFixedDelay(wait::poll, INTERRUPT_POLL_MILLIS, INTERRUPT_POLL_MILLIS,
				TimeUnit.MILLISECONDS);
		return wait;
	}

	/**
	 * One watched wait. Its state goes from waiting to finished, or to cancelled when the
	 * thread was interrupted first; a cancelled wait's session must be ended.
	 */
	static final class Wait {

		private static final int WAITING = 0;

		private static final int FINISHED = 1;

		private static final int CANCELLED = 2;

		private final Thread waiter;

		private final Session session;

		private final AtomicInteger state = new AtomicInteger(WAITING);

		private volatile @Nullable ScheduledFuture<?> poll;

		Wait(Thread waiter, Session session) {
			this.waiter = waiter;
			this.session = session;
		}

		private void poll() {
			if (this.state.get() == WAITING && this.waiter.isInterrupted()) {
				this.state.compareAndSet(WAITING, CANCELLED);
			}
			if (this.state.get() == CANCELLED) {
				// again at each poll until the wait ends: a cancel that reaches the server before the
				// statement does is lost
				workers.execute(this.session::cancel);
			}
		}

		/**
		 * Ends the watch.
		 * @return true if the wait finished without being cancelled
		 */
		boolean finish() {
			ScheduledFuture<?> current = this.poll;
			if (this.state.compareAndSet(WAITING, FINISHED) || this.state.get() == FINISHED) {
				if (current != null) {
					current.cancel(false);
				}
				return true;
			}
			if (current != null) {
				current.cancel(false);
			}
			return false;
		}

	}

	private static ScheduledThreadPoolExecutor timer() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
				DaemonThreads.numbered("file-lock-postgres-timer"));
		executor.setRemoveOnCancelPolicy(true);
		executor.setKeepAliveTime(10, TimeUnit.SECONDS);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private static ExecutorService workers() {
		return Executors.newCachedThreadPool(DaemonThreads.numbered("file-lock-postgres-watch"));
	}

}
