package io.filelock.engine.postgres;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.filelock.LockBackendKind;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDetailsDescriptor;
import io.filelock.actuate.endpoint.FileLocksEndpoint;
import io.filelock.actuate.health.FileLockHealthIndicator;
import io.filelock.testsupport.ForeignLockHolder;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code filelocks} endpoint and the {@code fileLock} health of a manager that locks
 * on PostgreSQL: who holds a lock (its sessions), and whether the server can be reached.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // holds kept for their scope
class PostgresObservabilityTests {

	@Test
	void theEndpointNamesTheSessionsThatHoldALock() throws Exception {
		PostgresServer server = PostgresServer.shared();
		LockManager manager = LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(server.settings()).build();
		FileLocksEndpoint endpoint = new FileLocksEndpoint(manager);
		try (ForeignLockHolder.Hold held = new SqlLocks(server).hold("observed")) {
			LockDetailsDescriptor details = endpoint.lock("observed");
			assertThat(details.lock().file()).isNull();
			assertThat(details.lock().resource()).startsWith("PostgreSQL advisory lock ");
			assertThat(details.holder()).isNotNull();
			assertThat(details.holder().description()).contains("application_name \"sql-locks\"");
			assertThat(details.holder().sessions()).singleElement().satisfies((session) -> {
				assertThat(session.granted()).isTrue();
				assertThat(session.access()).isEqualTo("WRITE");
				assertThat(session.applicationName()).isEqualTo("sql-locks");
				assertThat(session.pid()).isNull();
			});
		}
		try (LockHandle handle = manager.acquire("observed")) {
			assertThat(endpoint.lock("observed").holder().sessions()).singleElement()
				.satisfies((session) -> assertThat(session.pid()).isEqualTo(ProcessHandle.current().pid()));
			assertThat(endpoint.locks().backend().kind()).isEqualTo("postgres");
			assertThat(endpoint.locks().locks()).singleElement()
				.satisfies((lock) -> assertThat(lock.state()).isEqualTo("held"));
		}
	}

	@Test
	void theHealthIsDownWhileTheServerCannotBeReachedAndShowsTheUrlWithoutPassword() {
		try (PostgresServer server = PostgresServer.startNew()) {
			String url = server.jdbcUrl() + "?password=" + server.password();
			LockManager manager = LockManager.builder()
				.backend(LockBackendKind.POSTGRES)
				.postgres(io.filelock.PostgresSettings.of(url, server.username(), server.password()))
				.build();
			FileLockHealthIndicator health = new FileLockHealthIndicator(manager);
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			server.stop();
			Health down = health.health(true);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("url", server.jdbcUrl() + "?password=******")
				.containsEntry("lostLocks", "0");
			assertThat(String.valueOf(down.getDetails().get("error")))
				.contains("Cannot reach the PostgreSQL server at 127.0.0.1:" + server.port());
			assertThat(down.toString()).doesNotContain(server.password());
			server.start();
			// a failed connection attempt is remembered for a second (ControlSession.FAILURE_MEMORY_NANOS)
			await().atMost(Duration.ofSeconds(30)).until(() -> health.health(true).getStatus().equals(Status.UP));
		}
	}

}
