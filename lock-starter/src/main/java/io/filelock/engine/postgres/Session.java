package io.filelock.engine.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import io.filelock.LockException;
import io.filelock.LockMode;
import org.jspecify.annotations.Nullable;

/**
 * One connection of the backend's own: a server session that holds advisory locks. Its
 * statements run one at a time ({@link #mutex}); each lock statement also returns
 * {@code pg_backend_pid()}, and a pid other than the session's first means that a pooler
 * in transaction mode runs its statements in several server sessions, where session locks
 * mean nothing.
 */
final class Session {

	private static final String TRY_EXCLUSIVE = "SELECT pg_try_advisory_lock(?), pg_backend_pid()";

	private static final String TRY_SHARED = "SELECT pg_try_advisory_lock_shared(?), pg_backend_pid()";

	private static final String UNLOCK_EXCLUSIVE = "SELECT pg_advisory_unlock(?), pg_backend_pid()";

	private static final String UNLOCK_SHARED = "SELECT pg_advisory_unlock_shared(?), pg_backend_pid()";

	/** Two statements in one round trip: the wait's lock_timeout, then the wait. */
	private static final String LOCK_EXCLUSIVE = "SELECT set_config('lock_timeout', ?, false); "
			+ "SELECT true, pg_backend_pid() FROM (SELECT pg_advisory_lock(?)) AS locked";

	private static final String LOCK_SHARED = "SELECT set_config('lock_timeout', ?, false); "
			+ "SELECT true, pg_backend_pid() FROM (SELECT pg_advisory_lock_shared(?)) AS locked";

	private static final String CHECK = "SELECT true, pg_backend_pid()";

	/** SQLSTATE lock_not_available: the wait reached its lock_timeout. */
	private static final String LOCK_TIMEOUT = "55P03";

	private final Connection connection;

	private final long pid;

	private final int shortTimeoutMillis;

	/** One statement at a time; never held while waiting for a lock of the server's. */
	final ReentrantLock mutex = new ReentrantLock();

	/** The locks held in this session. */
	final Set<AdvisoryLock> held = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean ended = new AtomicBoolean();

	/** Lent to one thread for a wait in the server's queue; guarded by the pool. */
	boolean borrowed;

	/** When it last answered, or last became idle: {@link System#nanoTime()}. */
	volatile long lastAnswerNanos = System.nanoTime();

	private volatile @Nullable PreparedStatement running;

	private int networkTimeoutMillis = -1;

	/**
	 * @param shortTimeoutMillis how long a statement that never waits for a lock may go
	 * unanswered before its connection is taken for broken
	 */
	Session(Connection connection, long pid, int shortTimeoutMillis) {
		this.connection = connection;
		this.pid = pid;
		this.shortTimeoutMillis = shortTimeoutMillis;
	}

	long pid() {
		return this.pid;
	}

	boolean isEnded() {
		return this.ended.get();
	}

	/**
	 * Marks the session ended; true for the first caller only, who closes it.
	 */
	boolean end() {
		return this.ended.compareAndSet(false, true);
	}

	boolean tryLock(long key, LockMode mode) throws SessionEndedException {
		return run((mode == LockMode.SHARED) ? TRY_SHARED : TRY_EXCLUSIVE, key);
	}

	/**
	 * @return false if the session did not hold the lock
	 */
	boolean unlock(long key, LockMode mode) throws SessionEndedException {
		return run((mode == LockMode.SHARED) ? UNLOCK_SHARED : UNLOCK_EXCLUSIVE, key);
	}

	/**
	 * One round trip, for the keepalive check.
	 */
	void check() throws SessionEndedException {
		run(CHECK, null);
	}

	/**
	 * Waits in the server's queue at most {@code millis} (its {@code lock_timeout}).
	 * Unlike the other statements it runs without the mutex: the session is lent to the
	 * waiting thread alone.
	 * @return false if the lock_timeout passed first
	 * @throws SQLException if the statement was cancelled (SQLSTATE 57014)
	 */
	boolean awaitLock(long key, LockMode mode, long millis, long slackMillis)
			throws SessionEndedException, SQLException {
		try {
			networkTimeout(millis + slackMillis);
			try (PreparedStatement statement = this.connection
				.prepareStatement((mode == LockMode.SHARED) ? LOCK_SHARED : LOCK_EXCLUSIVE)) {
				statement.setString(1, Math.max(millis, 1) + "ms");
				statement.setLong(2, key);
				this.running = statement;
				try {
					statement.execute();
					if (!statement.getMoreResults()) {
						throw new SQLException("The lock statement returned no result", "XX000");
					}
					try (ResultSet result = statement.getResultSet()) {
						result.next();
						checkPid(result.getLong(2));
					}
				}
				finally {
					this.running = null;
				}
			}
			this.lastAnswerNanos = System.nanoTime();
			return true;
		}
		catch (SQLException ex) {
			if (LOCK_TIMEOUT.equals(ex.getSQLState())) {
				this.lastAnswerNanos = System.nanoTime();
				return false;
			}
			if (endsSession(ex)) {
				throw new SessionEndedException(describe(ex), ex);
			}
			throw ex;
		}
	}

	/**
	 * Cancels the wait under way, if any (a request to the server on a connection of its
	 * own: the wait then fails with SQLSTATE 57014, or has just ended).
	 */
	void cancel() {
		PreparedStatement statement = this.running;
		if (statement != null) {
			try {
				statement.cancel();
			}
			catch (SQLException ex) {
				// the wait ends at its lock_timeout all the same
			}
		}
	}

	/**
	 * Runs a statement under the mutex, with the short network timeout.
	 * @throws SessionEndedException if the session is unusable now
	 * @throws LockException if the server refused the statement and the session is fine
	 */
	<T> T withStatement(Statement<T> work) throws SessionEndedException {
		this.mutex.lock();
		try {
			if (isEnded()) {
				throw new SessionEndedException("session " + this.pid + " has ended");
			}
			networkTimeout(this.shortTimeoutMillis);
			T result = work.run(this.connection);
			this.lastAnswerNanos = System.nanoTime();
			return result;
		}
		catch (SQLException ex) {
			if (endsSession(ex)) {
				throw new SessionEndedException(describe(ex), ex);
			}
			throw new LockException("PostgreSQL refused a statement of " + this + ": " + describe(ex), ex);
		}
		finally {
			this.mutex.unlock();
		}
	}

	void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// the connection is gone either way
		}
	}

	private boolean run(String sql, @Nullable Long key) throws SessionEndedException {
		return withStatement((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				if (key != null) {
					statement.setLong(1, key);
				}
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					boolean answer = result.getBoolean(1);
					checkPid(result.getLong(2));
					return answer;
				}
			}
		});
	}

	private void checkPid(long answered) throws SQLException {
		if (answered != this.pid) {
			throw new SQLException("Statements of one connection ran in PostgreSQL sessions " + this.pid + " and "
					+ answered + ": a connection pooler in transaction mode (such as PgBouncer with "
					+ "pool_mode=transaction) is between this application and the server, and session-level "
					+ "advisory locks do not work through it; connect to the server directly or through session "
					+ "pooling", "08P01");
		}
	}

	private void networkTimeout(long millis) throws SQLException {
		int timeout = (int) Math.min(Integer.MAX_VALUE, millis);
		if (timeout != this.networkTimeoutMillis) {
			this.connection.setNetworkTimeout(Runnable::run, timeout);
			this.networkTimeoutMillis = timeout;
		}
	}

	private boolean endsSession(SQLException ex) {
		boolean closed;
		try {
			closed = this.connection.isClosed();
		}
		catch (SQLException notKnown) {
			closed = true;
		}
		return SessionEndedException.endsSession(ex, closed);
	}

	private String describe(SQLException ex) {
		return ex.getMessage() + ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : "");
	}

	@Override
	public String toString() {
		return "PostgreSQL session " + this.pid;
	}

	/**
	 * Work on the session's connection.
	 */
	@FunctionalInterface
	interface Statement<T> {

		T run(Connection connection) throws SQLException;

	}

}
