package io.filelock.engine.postgres;

import java.sql.SQLException;

/**
 * A session can no longer be used: its connection broke, the server ended it, or its
 * statements ran in another server session than its first (a connection pooler in
 * transaction mode). Whatever it held, the server has released or will release with it.
 */
final class SessionEndedException extends Exception {

	private static final long serialVersionUID = 1L;

	SessionEndedException(String message, Throwable cause) {
		super(message, cause);
	}

	SessionEndedException(String message) {
		super(message);
	}

	/**
	 * Whether the failure of a statement means that its session is unusable: a
	 * connection exception (class 08), the server ending the session (57P01 to 57P05), or
	 * a connection the driver has closed after an I/O error. Other failures (a statement
	 * refused) leave the session usable.
	 */
	static boolean endsSession(SQLException ex, boolean connectionClosed) {
		String state = ex.getSQLState();
		return connectionClosed || state == null || state.startsWith("08") || state.startsWith("57P");
	}

}
