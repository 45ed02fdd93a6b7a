package io.filelock.engine.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.filelock.LockBackendKind;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.file.LockTestProcess;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.TestBackends;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A holder JVM killed with {@code kill -9}: the kernel closes its connections, the server
 * ends its sessions and grants the lock to the session waiting in its queue at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresProcessTests {

	private static final PostgresServer server = PostgresServer.shared();

	@TempDir
	Path directory;

	@Test
	void aWaiterTakesTheLockOfAHolderKilledWithSigkillWithinASecond() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder()
			.backend(LockBackendKind.POSTGRES)
			.postgres(server.settings())
			.build();
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try (ChildJvm holder = ChildJvm.start(LockTestProcess.class, server.childJvmOptions(), "hold",
				this.directory.toString(), "handed", TestBackends.POSTGRES)) {
			holder.expect("locked", Duration.ofSeconds(90));
			Future<LockHandle> waiter = thread
				.submit(() -> manager.acquire("handed", LockMode.EXCLUSIVE, Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.pendingCount() == 1);
			holder.kill9();
			assertThat(holder.process().exitValue()).isEqualTo(128 + 9);
			try (LockHandle handle = waiter.get(1, TimeUnit.SECONDS)) {
				assertThat(handle.isValid()).isTrue();
			}
		}
		finally {
			thread.shutdownNow();
		}
	}

}
