package io.filelock.engine.postgres;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import io.filelock.LockException;
import io.filelock.PostgresSettings;
import io.filelock.engine.HostName;
import org.jspecify.annotations.Nullable;

/**
 * Opens the backend's sessions, with the JDBC driver found on the class path (no
 * {@code DriverManager}, whose class-loader checks can miss a driver of a nested jar).
 * Each session names its JVM in {@code application_name} ({@link ApplicationName}), and
 * sets, for itself only: no statement, lock or idle timeout of the server's (a wait for a
 * lock is bounded by the caller's own timeout, and a session that holds locks must never
 * be ended for being idle), and server-side TCP keepalives with a matching
 * {@code tcp_user_timeout}, so that the server ends the session of a host that vanished,
 * and frees its locks, within {@link PostgresSettings#lossBound()}.
 * <p>
 * Every failure to open one is a {@link LockException} that says what went wrong and names
 * the server: unreachable, credentials refused, no such database, too old a server.
 */
final class Connector {

	private static final String DRIVER = "org.postgresql.Driver";

	/** {@code tcp_user_timeout} came with PostgreSQL 12. */
	static final int MIN_MAJOR_VERSION = 12;

	private static final String SETUP = "SELECT pg_backend_pid(), set_config('statement_timeout', '0', false), "
			+ "set_config('lock_timeout', '0', false), set_config('idle_in_transaction_session_timeout', '0', false), "
			+ "set_config('tcp_keepalives_idle', ?, false), set_config('tcp_keepalives_interval', ?, false), "
			+ "set_config('tcp_keepalives_count', ?, false), set_config('tcp_user_timeout', ?, false)";

	/** {@code idle_session_timeout} came with PostgreSQL 14. */
	private static final String SETUP_14 = ", set_config('idle_session_timeout', '0', false)";

	private final PostgresSettings settings;

	private final PostgresUrl url;

	private final Properties properties = new Properties();

	private final int shortTimeoutMillis;

	private @Nullable Driver driver;

	Connector(PostgresSettings settings, @Nullable String applicationName) {
		this.settings = settings;
		this.url = PostgresUrl.of(settings.url());
		if (settings.username() != null) {
			this.properties.setProperty("user", settings.username());
		}
		if (settings.password() != null) {
			this.properties.setProperty("password", settings.password());
		}
		String seconds = Long.toString(settings.connectTimeout().toSeconds());
		this.properties.setProperty("connectTimeout", seconds);
		this.properties.setProperty("loginTimeout", seconds);
		this.properties.setProperty("socketTimeout", seconds);
		this.properties.setProperty("tcpKeepAlive", "true");
		this.properties.setProperty("ApplicationName",
				ApplicationName.of(ProcessHandle.current().pid(), HostName.local(), applicationName));
		this.shortTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.keepaliveInterval().toMillis() * 2);
	}

	PostgresUrl url() {
		return this.url;
	}

	/**
	 * Opens a session.
	 * @throws LockException if it cannot be opened, saying why
	 */
	Session open() {
		Connection connection;
		try {
			connection = driver().connect(this.url.url(), this.properties);
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
		if (connection == null) {
			throw new LockException("The PostgreSQL JDBC driver does not accept the URL " + this.url.redacted());
		}
		try {
			int major = connection.getMetaData().getDatabaseMajorVersion();
			if (major < MIN_MAJOR_VERSION) {
				throw new LockException("The PostgreSQL server at " + this.url.servers() + " runs version " + major
						+ "; the postgres backend needs " + MIN_MAJOR_VERSION + " or later");
			}
			connection.setAutoCommit(true);
			long pid = setUp(connection, major);
			return new Session(connection, pid, this.shortTimeoutMillis);
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.close();
			}
			catch (SQLException suppressed) {
				ex.addSuppressed(suppressed);
			}
			if (ex instanceof SQLException sql) {
				throw failure(sql);
			}
			throw (RuntimeException) ex;
		}
	}

	private long setUp(Connection connection, int major) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SETUP + ((major >= 14) ? SETUP_14 : ""))) {
			statement.setString(1, Long.toString(this.settings.keepaliveIdle().toSeconds()));
			statement.setString(2, Long.toString(this.settings.keepaliveInterval().toSeconds()));
			statement.setString(3, Integer.toString(this.settings.keepaliveCount()));
			statement.setString(4, Long.toString(this.settings.lossBound().toMillis()));
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	private Driver driver() {
		Driver found = this.driver;
		if (found == null) {
			try {
				found = (Driver) Class.forName(DRIVER, true, Connector.class.getClassLoader())
					.getDeclaredConstructor()
					.newInstance();
			}
			catch (ClassNotFoundException ex) {
				throw new LockException("The postgres backend needs the PostgreSQL JDBC driver (" + DRIVER
						+ ") on the class path: add the dependency org.postgresql:postgresql", ex);
			}
			catch (ReflectiveOperationException ex) {
				throw new LockException("Cannot load the PostgreSQL JDBC driver " + DRIVER + ": " + ex, ex);
			}
			this.driver = found;
		}
		return found;
	}

	/**
	 * Whether opening a session failed because the opening thread was interrupted.
	 */
	static boolean interrupted(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException
					|| (cause.getMessage() != null && cause.getMessage().startsWith("Interrupted while attempting to connect"))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * What went wrong opening a session, with the server named.
	 */
	LockException failure(SQLException ex) {
		String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
		String servers = this.url.servers();
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String cause = ex.getMessage() + ((root != ex) ? " (" + root + ")" : "")
				+ (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
		String message;
		if (state.equals("28P01") || state.equals("28000")) {
			message = "The PostgreSQL server at " + servers + " refused the credentials of user "
					+ ((this.settings.username() != null) ? "'" + this.settings.username() + "'" : "(none given)") + ": "
					+ cause;
		}
		else if (state.equals("3D000")) {
			message = "The database of " + this.url.redacted() + " does not exist on the PostgreSQL server at " + servers
					+ ": " + cause;
		}
		else if (state.startsWith("08") || state.equals("57P03")) {
			message = "Cannot reach the PostgreSQL server at " + servers + " (" + this.url.redacted() + "): " + cause;
		}
		else {
			message = "Cannot open a session on the PostgreSQL server at " + servers + ": " + cause;
		}
		return new LockException(message, ex);
	}

}
