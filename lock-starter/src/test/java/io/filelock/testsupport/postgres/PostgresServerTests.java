package io.filelock.testsupport.postgres;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The test server itself: both sources of binaries, password authentication, advisory locks
 * seen by JDBC and psql, the lock key formula in SQL, restarts that keep data and port, and
 * a crash under load that frees the locks.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PostgresServerTests {

	/** The PostgreSQL backend's key of lock 'counter', in SQL. */
	private static final String KEY_SQL = "SELECT ('x' || left(encode(sha256(convert_to('file-lock:' || 'counter',"
			+ " 'UTF8')), 'hex'), 16))::bit(64)::bigint";

	private static final long COUNTER_KEY = -7808164175789869309L;

	@Test
	void systemBinariesRunAServer() throws Exception {
		Optional<PostgresBinaries> system = PostgresBinaries.system();
		assumeTrue(system.isPresent(), "no system PostgreSQL server (initdb, pg_ctl, postgres) on this machine");
		exercise(system.get());
	}

	@Test
	void mavenBinariesRunAServer() throws Exception {
		PostgresBinaries maven = PostgresBinaries.maven();
		assertThat(maven.source()).startsWith("maven");
		exercise(maven);
	}

	@Test
	void theBundleUnpacksWithExecutableProgramsAndItsLinks(@TempDir Path temp) throws Exception {
		try (InputStream archive = getClass().getClassLoader().getResourceAsStream(ZonkyBinaries.resourceName())) {
			assertThat(archive).isNotNull();
			TarXz.extract(archive, temp);
		}
		assertThat(temp.resolve("bin/postgres")).isExecutable();
		assertThat(temp.resolve("bin/initdb")).isExecutable();
		assertThat(Files.isSymbolicLink(temp.resolve("lib/libpq.so"))).isTrue();
	}

	@Test
	void sharedServerIsOnePerJvm() {
		PostgresServer shared = PostgresServer.shared();
		assertThat(PostgresServer.shared()).isSameAs(shared);
		assertThat(shared.isRunning()).isTrue();
	}

	@Test
	void locksDieWithTheServerAndTheServerComesBackUnderLoad() throws Exception {
		try (PostgresServer server = PostgresServer.startNew(); Connection holder = connect(server)) {
			assertThat(queryBoolean(holder, "SELECT pg_try_advisory_lock(7)")).isTrue();
			AtomicBoolean done = new AtomicBoolean();
			AtomicInteger queries = new AtomicInteger();
			ExecutorService load = Executors.newFixedThreadPool(4);
			try {
				for (int i = 0; i < 4; i++) {
					load.submit(() -> loadUntil(server, done, queries));
				}
				await().atMost(Duration.ofSeconds(60)).until(() -> queries.get() >= 100);
				server.stop(PostgresServer.StopMode.IMMEDIATE);
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> queryBoolean(holder, "SELECT true"));
				server.start();
				int beforeRestart = queries.get();
				await().atMost(Duration.ofSeconds(60)).until(() -> queries.get() >= beforeRestart + 100);
			}
			finally {
				done.set(true);
				load.shutdown();
				assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
			}
			try (Connection other = connect(server)) {
				assertThat(queryBoolean(other, "SELECT pg_try_advisory_lock(7)")).as("the crash released the lock")
					.isTrue();
			}
		}
	}

	private void exercise(PostgresBinaries binaries) throws Exception {
		try (PostgresServer server = PostgresServer.startNew(binaries)) {
			wrongPasswordIsRefused(server);
			lockKeyFormula(server);
			if (binaries.psql().isPresent()) {
				advisoryLockThroughJdbcAndPsql(server);
			}
			restartKeepsDataAndPort(server);
		}
	}

	private void advisoryLockThroughJdbcAndPsql(PostgresServer server) throws Exception {
		try (Connection connection = connect(server)) {
			assertThat(queryBoolean(connection, "SELECT pg_try_advisory_lock(1)")).isTrue();
			ProcessResult held = server.psql("-tAc", "SELECT pg_try_advisory_lock(1)");
			assertThat(held.exitCode()).as(held.output()).isZero();
			assertThat(held.stdout()).as("psql's session must not get a lock that JDBC's session holds").isEqualTo("f");
			assertThat(queryBoolean(connection, "SELECT pg_advisory_unlock(1)")).isTrue();
			assertThat(server.psql("-tAc", "SELECT pg_try_advisory_lock(1)").stdout()).isEqualTo("t");
		}
		assertThat(server.psql("-tAc", KEY_SQL).stdout()).isEqualTo(Long.toString(COUNTER_KEY));
		ProcessResult refused = server.psqlWithPassword("wrong", "-tAc", "SELECT 1");
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.stderr()).contains("password authentication failed");
	}

	private void wrongPasswordIsRefused(PostgresServer server) {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.username(), "wrong"))
			.satisfies((refused) -> assertThat(refused.getSQLState()).isEqualTo("28P01"));
	}

	private void lockKeyFormula(PostgresServer server) throws Exception {
		try (Connection connection = connect(server); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(KEY_SQL)) {
			assertThat(result.next()).isTrue();
			assertThat(result.getLong(1)).isEqualTo(COUNTER_KEY);
		}
	}

	private void restartKeepsDataAndPort(PostgresServer server) throws Exception {
		try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");
		}
		int port = server.port();
		server.stop();
		assertThat(server.isRunning()).isFalse();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(server))
			.satisfies((down) -> assertThat(down.getSQLState()).isEqualTo("08001"));
		server.start();
		assertThat(server.port()).isEqualTo(port);
		try (Connection connection = connect(server); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT x FROM kept")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(42);
		}
	}

	private static void loadUntil(PostgresServer server, AtomicBoolean done, AtomicInteger queries) {
		while (!done.get()) {
			try (Connection connection = connect(server)) {
				while (!done.get()) {
					queryBoolean(connection, "SELECT pg_try_advisory_xact_lock(8)");
					queries.incrementAndGet();
				}
			}
			catch (SQLException e) {
				// the server is down: try again with a new connection
			}
		}
	}

	private static Connection connect(PostgresServer server) throws SQLException {
		return DriverManager.getConnection(server.jdbcUrl() + "?connectTimeout=10&socketTimeout=30",
				server.username(), server.password());
	}

	private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getBoolean(1);
		}
	}

}
