package io.filelock.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import io.filelock.LockBackendKind;
import io.filelock.LockManager;
import io.filelock.PostgresSettings;

import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The contenders of the PostgreSQL workloads: the library with the postgres backend, and
 * two baselines on the same server: raw blocking {@code pg_advisory_lock} on one connection
 * kept open, and Spring Integration's {@link JdbcLockRegistry} (a row with a time to live,
 * polled every 100 ms). The server is the one {@link BenchmarkPostgres} passes to child
 * JVMs in system properties.
 */
final class PostgresContenders {

	/** The library with {@code file-lock.backend=postgres}. */
	static final String LIBRARY = "library-postgres";

	/** Blocking {@code pg_advisory_lock} and {@code pg_advisory_unlock} on one kept connection. */
	static final String BLOCKING = "pg-advisory-blocking";

	/** Spring Integration's JdbcLockRegistry on the same server. */
	static final String REGISTRY = "jdbc-lock-registry";

	static final List<String> ALL = List.of(LIBRARY, BLOCKING, REGISTRY);

	private PostgresContenders() {
	}

	static Contender create(String variant, String name, Duration timeout) {
		return switch (variant) {
			case LIBRARY -> new Contender.Library(LockManager.builder()
				.backend(LockBackendKind.POSTGRES)
				.postgres(PostgresSettings.of(BenchmarkPostgres.url(), BenchmarkPostgres.username(),
						BenchmarkPostgres.password()))
				.timeout(timeout), name, timeout);
			case BLOCKING -> new Blocking(name);
			case REGISTRY -> new Registry(name, timeout);
			default -> throw new IllegalArgumentException("Unknown variant '" + variant + "'");
		};
	}

	static Connection connect() throws SQLException {
		return DriverManager.getConnection(BenchmarkPostgres.url(), BenchmarkPostgres.username(),
				BenchmarkPostgres.password());
	}

	/**
	 * The library's key of a name, computed by the server with the documented one-liner.
	 */
	static long keyOf(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT ('x' || left(encode(sha256(convert_to('file-lock:' || ?, 'UTF8')), 'hex'), 16))::bit(64)::bigint")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	static final class Blocking implements Contender {

		private final Connection connection;

		private final PreparedStatement lock;

		private final PreparedStatement unlock;

		Blocking(String name) {
			try {
				this.connection = connect();
				long key = keyOf(this.connection, name);
				this.lock = this.connection.prepareStatement("SELECT pg_advisory_lock(?)");
				this.lock.setLong(1, key);
				this.unlock = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)");
				this.unlock.setLong(1, key);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public boolean lock() {
			execute(this.lock);
			return true;
		}

		@Override
		public void unlock() {
			execute(this.unlock);
		}

		private static void execute(PreparedStatement statement) {
			try (ResultSet result = statement.executeQuery()) {
				result.next();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// the process ends
			}
		}

	}

	static final class Registry implements Contender {

		private final SingleConnectionDataSource dataSource;

		private final Lock lock;

		private final long timeoutMillis;

		Registry(String name, Duration timeout) {
			this.dataSource = new SingleConnectionDataSource(BenchmarkPostgres.url(), BenchmarkPostgres.username(),
					BenchmarkPostgres.password(), true);
			DefaultLockRepository repository = new DefaultLockRepository(this.dataSource);
			repository.setTransactionManager(
					new org.springframework.jdbc.datasource.DataSourceTransactionManager(this.dataSource));
			repository.afterPropertiesSet();
			repository.afterSingletonsInstantiated();
			this.lock = new JdbcLockRegistry(repository).obtain(name);
			this.timeoutMillis = timeout.toMillis();
		}

		@Override
		public boolean lock() {
			try {
				return this.lock.tryLock(this.timeoutMillis, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void unlock() {
			this.lock.unlock();
		}

		@Override
		public void close() {
			this.dataSource.destroy();
		}

	}

}
