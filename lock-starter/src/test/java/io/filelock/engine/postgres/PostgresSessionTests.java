package io.filelock.engine.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.filelock.LockBackendKind;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.HostName;
import io.filelock.testsupport.ForeignLockHolder;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backend's own sessions: what each sets, how many there are, and who uses them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // holds kept for their scope
class PostgresSessionTests {

	private static final PostgresServer server = PostgresServer.shared();

	@Test
	void aSessionNamesItsJvmAndSetsServerSideKeepalivesForItself() throws Exception {
		Session session = new Connector(server.settings(), "billing").open();
		try {
			Map<String, String> settings = session.withStatement((connection) -> {
				Map<String, String> values = new LinkedHashMap<>();
				for (String name : new String[] { "application_name", "tcp_keepalives_idle", "tcp_keepalives_interval",
						"tcp_keepalives_count", "tcp_user_timeout", "statement_timeout", "lock_timeout",
						"idle_session_timeout" }) {
					try (Statement statement = connection.createStatement();
							ResultSet result = statement.executeQuery("SHOW " + name)) {
						result.next();
						values.put(name, result.getString(1));
					}
				}
				return values;
			});
			assertThat(settings).containsEntry("application_name",
					"file-lock pid=" + ProcessHandle.current().pid() + " host=" + HostName.local() + " app=billing");
			assertThat(settings).containsEntry("tcp_keepalives_idle", "10")
				.containsEntry("tcp_keepalives_interval", "5")
				.containsEntry("tcp_keepalives_count", "3")
				.hasEntrySatisfying("tcp_user_timeout", (value) -> assertThat(value).isIn("25000", "25s"))
				.containsEntry("statement_timeout", "0")
				.containsEntry("lock_timeout", "0")
				.containsEntry("idle_session_timeout", "0");
		}
		finally {
			session.close();
		}
	}

	@Test
	void atMostMaxSessionsAreOpenAndAWaiterBeyondThemRetriesWithItsBackoff() throws Exception {
		String application = "max-sessions-" + System.nanoTime();
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder()
			.backend(LockBackendKind.POSTGRES)
			.postgres(server.settings().withMaxSessions(2))
			.applicationName(application)
			.build();
		SqlLocks others = new SqlLocks(server);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try (ForeignLockHolder.Hold a = others.hold("a")) {
			ForeignLockHolder.Hold b = others.hold("b");
			Future<LockHandle> waitingForA = threads
				.submit(() -> manager.acquire("a", LockMode.EXCLUSIVE, Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> waitingSessions(application) == 1);
			Future<LockHandle> waitingForB = threads
				.submit(() -> manager.acquire("b", LockMode.EXCLUSIVE, Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.pendingCount() == 2);
			assertThat(sessions(application)).isEqualTo(2);
			// the waiter without a session retries within its timeout, and a timeout says so
			await().atMost(Duration.ofSeconds(30))
				.until(() -> manager.holders("b").map((holders) -> holders.description()).orElse(""),
						(description) -> description.contains("waited without a session of its own (all 2 of "
								+ "file-lock.postgres.max-sessions were in use), retrying with its backoff"));
			b.close();
			// no session was free for it to wait in the server's queue: it retried, and takes the lock now
			waitingForB.get(30, TimeUnit.SECONDS).close();
			assertThat(waitingForA).isNotDone();
			a.close();
			waitingForA.get(30, TimeUnit.SECONDS).close();
			assertThat(sessions(application)).isLessThanOrEqualTo(2);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void withOneSessionNobodyWaitsInTheServersQueueAndWaitersStillGetTheLock() throws Exception {
		LockManager manager = LockManager.builder()
			.backend(LockBackendKind.POSTGRES)
			.postgres(server.settings().withMaxSessions(1))
			.build();
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			ForeignLockHolder.Hold held = new SqlLocks(server).hold("single");
			Future<LockHandle> waiter = thread
				.submit(() -> manager.acquire("single", LockMode.EXCLUSIVE, Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> ((DefaultLockManager) manager).pendingCount() == 1);
			held.close();
			try (LockHandle handle = waiter.get(30, TimeUnit.SECONDS)) {
				assertThat(handle.isValid()).isTrue();
			}
		}
		finally {
			thread.shutdownNow();
		}
	}

	private static long sessions(String application) throws Exception {
		try (Connection connection = new SqlLocks(server).connect()) {
			return SqlLocks.queryLong(connection,
					"SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '%app=' || ?", application);
		}
	}

	private static long waitingSessions(String application) throws Exception {
		try (Connection connection = new SqlLocks(server).connect()) {
			return SqlLocks.queryLong(connection, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a "
					+ "ON a.pid = l.pid WHERE NOT l.granted AND a.application_name LIKE '%app=' || ?", application);
		}
	}

}
