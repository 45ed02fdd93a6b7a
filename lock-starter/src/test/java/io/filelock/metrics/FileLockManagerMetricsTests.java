package io.filelock.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.engine.DefaultLockManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileLockManagerMetricsTests {

	@TempDir
	Path directory;

	@Test
	void gaugesFollowHoldersAndWaiters() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new FileLockManagerMetrics(manager).bindTo(registry);
		assertThat(gauge(registry, "file.lock.active")).isZero();
		assertThat(gauge(registry, "file.lock.pending")).isZero();
		CountDownLatch waiterDone = new CountDownLatch(1);
		try (LockHandle held = manager.acquire("report")) {
			assertThat(gauge(registry, "file.lock.active")).isEqualTo(1);
			Thread waiter = new Thread(() -> {
				manager.acquire("report", io.filelock.LockMode.EXCLUSIVE, Duration.ofSeconds(20)).close();
				waiterDone.countDown();
			});
			waiter.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> gauge(registry, "file.lock.pending") == 1);
			assertThat(gauge(registry, "file.lock.active")).isEqualTo(1);
		}
		assertThat(waiterDone.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(gauge(registry, "file.lock.pending")).isZero();
		assertThat(gauge(registry, "file.lock.active")).isZero();
	}

	private static double gauge(SimpleMeterRegistry registry, String name) {
		return registry.get(name).gauge().value();
	}

}
