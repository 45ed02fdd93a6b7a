package io.filelock.engine.postgres;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.filelock.LockException;
import org.jspecify.annotations.Nullable;

/**
 * The session of a pool that runs the short statements of every thread, opened when
 * there is none, by one thread at a time. A failed attempt is given to the callers that
 * queued behind it for {@link #FAILURE_MEMORY_NANOS} rather than each of them waiting out
 * a connect timeout of its own (a server that drops connection attempts would otherwise
 * keep them in turn).
 */
final class ControlSession {

	/** How long a failure to open the control session is given to callers without a new attempt. */
	static final long FAILURE_MEMORY_NANOS = 1_000_000_000L;

	private final ReentrantLock opening = new ReentrantLock();

	private volatile @Nullable Session current;

	/** The last failure to open it, and when; guarded by {@link #opening}. */
	private @Nullable LockException lastFailure;

	private long lastFailureNanos;

	/**
	 * The control session if it is open, else null.
	 */
	@Nullable Session current() {
		Session session = this.current;
		return (session != null && !session.isEnded()) ? session : null;
	}

	boolean is(Session session) {
		return this.current == session;
	}

	/**
	 * The control session, opened with {@code open} if there is none; {@code opened} is
	 * told of a new one before it becomes the control session.
	 * @throws LockException if it cannot be opened
	 */
	Session get(Supplier<Session> open, Consumer<Session> opened) {
		Session session = current();
		if (session != null) {
			return session;
		}
		this.opening.lock();
		try {
			session = current();
			if (session != null) {
				return session;
			}
			LockException failed = this.lastFailure;
			if (failed != null && System.nanoTime() - this.lastFailureNanos < FAILURE_MEMORY_NANOS) {
				throw new LockException(failed.getMessage(), failed);
			}
			try {
				session = open.get();
				this.lastFailure = null;
			}
			catch (LockException ex) {
				this.lastFailure = ex;
				this.lastFailureNanos = System.nanoTime();
				throw ex;
			}
			opened.accept(session);
			this.current = session;
			return session;
		}
		finally {
			this.opening.unlock();
		}
	}

	/**
	 * Forgets {@code session} if it is the control session (it has ended).
	 */
	void forget(Session session) {
		if (this.current == session) {
			this.current = null;
		}
	}

}
