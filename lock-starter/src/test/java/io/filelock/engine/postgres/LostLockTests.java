package io.filelock.engine.postgres;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.filelock.LockBackendKind;
import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.engine.DefaultLockManager;
import io.filelock.metrics.FileLockMetricsListener;
import io.filelock.testsupport.ForeignLockHolder;
import io.filelock.testsupport.postgres.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A session that ends under its locks ({@code pg_terminate_backend}, as an administrator
 * or a server restart would end it): the holder learns it (ERROR line, counter, invalid
 * handle, endpoint state), and a waiter whose session ends gets an error, not a timeout.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // holds kept for their scope
class LostLockTests {

	private static final PostgresServer server = PostgresServer.shared();

	@Test
	void aHolderWhoseSessionIsTerminatedIsToldItLostTheLock(CapturedOutput output) throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder()
			.backend(LockBackendKind.POSTGRES)
			.postgres(server.settings().withKeepalive(Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
			.listener(new FileLockMetricsListener(meters))
			.build();
		SqlLocks others = new SqlLocks(server);
		LockHandle handle = manager.acquire("job");
		terminateHoldersOf("job");
		await().atMost(Duration.ofSeconds(30)).until(() -> !handle.isValid());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> meters.find("file.lock.lost").tag("lock", "job").tag("mode", "exclusive").counter() != null);
		assertThat(meters.get("file.lock.lost").tag("lock", "job").counter().count()).isOne();
		assertThat(output).contains("ERROR").contains("Lost lock 'job' (PostgreSQL advisory lock ")
			.contains("terminating connection due to administrator command")
			.contains("while it is still held EXCLUSIVE by thread(s) [main] of this process, which may be working under it")
			.doesNotContain("of this process of this process");
		assertThat(manager.snapshot()).singleElement().satisfies((lock) -> assertThat(lock.state()).isEqualTo("lost"));
		assertThat(manager.backendStatus().details()).containsEntry("lostLocks", "1");
		assertThat(others.canLock("job", LockMode.EXCLUSIVE)).as("lost: it excludes nobody").isTrue();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.withMessageContaining("it was lost");
		handle.close();
		try (LockHandle again = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO)) {
			assertThat(again.isValid()).isTrue();
			assertThat(others.canLock("job", LockMode.SHARED)).isFalse();
		}
	}

	@Test
	void aWaiterWhoseSessionEndsGetsAnErrorNotATimeout() throws Exception {
		LockManager manager = LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(server.settings()).build();
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try (ForeignLockHolder.Hold held = new SqlLocks(server).hold("waited")) {
			Future<LockHandle> waiter = thread
				.submit(() -> manager.acquire("waited", LockMode.EXCLUSIVE, Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> terminateWaitersOf("waited") == 1);
			assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
				.isThrownBy(() -> waiter.get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(LockException.class)
				.isNotInstanceOf(LockTimeoutException.class)
				.withMessageContaining("while waiting for PostgreSQL advisory lock")
				.withMessageContaining("'waited'");
		}
		finally {
			thread.shutdownNow();
		}
	}

	/**
	 * Ends the sessions that hold the lock, as an administrator would.
	 */
	static long terminateHoldersOf(String name) throws Exception {
		return terminate(name, true);
	}

	static long terminateWaitersOf(String name) throws Exception {
		return terminate(name, false);
	}

	private static long terminate(String name, boolean granted) throws Exception {
		AdvisoryKey key = AdvisoryKey.of(name);
		try (Connection connection = new SqlLocks(server).connect()) {
			return SqlLocks.queryLong(connection, "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE "
					+ "locktype = 'advisory' AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1 AND granted = ?",
					key.classId(), key.objectId(), granted);
		}
	}

}
