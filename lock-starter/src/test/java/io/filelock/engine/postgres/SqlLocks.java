package io.filelock.engine.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.filelock.LockMode;
import io.filelock.testsupport.ForeignLockHolder;
import io.filelock.testsupport.postgres.PostgresServer;

/**
 * Another client of the server taking the same locks by name, each through a session of
 * its own, with the key computed in SQL by the documented one-liner (so that the tests
 * check the formula against the backend's Java code as well).
 */
final class SqlLocks implements ForeignLockHolder {

	/** The key of the lock named by the first parameter, as the README gives it. */
	static final String KEY = "('x' || left(encode(sha256(convert_to('file-lock:' || ?, 'UTF8')), 'hex'), 16))::bit(64)::bigint";

	private final PostgresServer server;

	SqlLocks(PostgresServer server) {
		this.server = server;
	}

	@Override
	public boolean canLock(String name, LockMode mode) throws SQLException {
		String function = (mode == LockMode.SHARED) ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock";
		try (Connection connection = connect()) {
			boolean locked = query(connection, "SELECT " + function + "(" + KEY + ")", name);
			// released before the session ends: the server drops a closed session's locks a moment after the close
			query(connection, "SELECT count(pg_advisory_unlock_all()) = 1");
			return locked;
		}
	}

	@Override
	public Hold hold(String name) throws SQLException {
		Connection connection = connect();
		try {
			query(connection, "SELECT pg_advisory_lock(" + KEY + ") IS NULL", name);
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return () -> {
			if (!connection.isClosed()) {
				try (connection) {
					query(connection, "SELECT count(pg_advisory_unlock_all()) = 1");
				}
			}
		};
	}

	/**
	 * A session of its own.
	 */
	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.server.jdbcUrl() + "?ApplicationName=sql-locks",
				this.server.username(), this.server.password());
	}

	static boolean query(Connection connection, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	static long queryLong(Connection connection, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

}
