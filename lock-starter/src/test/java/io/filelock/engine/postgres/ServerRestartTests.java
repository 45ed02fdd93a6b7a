package io.filelock.engine.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.filelock.LockBackendKind;
import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.engine.DefaultLockManager;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server stopped and started again while threads keep taking locks: while it is down
 * they get errors that say so, no call outlasts its timeout by more than a connection
 * attempt, the health says DOWN, and once it is back they lock again.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServerRestartTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@Test
	void nothingHangsPastItsTimeoutWhileTheServerStopsAndStartsUnderLoad() throws Exception {
		try (PostgresServer server = PostgresServer.startNew()) {
			DefaultLockManager manager = (DefaultLockManager) LockManager.builder()
				.backend(LockBackendKind.POSTGRES)
				.postgres(server.settings().withConnectTimeout(Duration.ofSeconds(2)))
				.timeout(TIMEOUT)
				.build();
			AtomicBoolean stop = new AtomicBoolean();
			AtomicInteger locked = new AtomicInteger();
			AtomicInteger failed = new AtomicInteger();
			AtomicLong longestCallNanos = new AtomicLong();
			List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
			ExecutorService threads = Executors.newFixedThreadPool(4);
			List<Future<?>> loops = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					String name = "restart-" + (i % 2);
					loops.add(threads.submit(() -> {
						while (!stop.get()) {
							long start = System.nanoTime();
							try (LockHandle handle = manager.acquire(name, LockMode.EXCLUSIVE, TIMEOUT)) {
								locked.incrementAndGet();
							}
							catch (LockTimeoutException ex) {
								// two threads per name: a timeout is possible while the other holds it across a restart
							}
							catch (LockException ex) {
								failed.incrementAndGet();
								if (!ex.getMessage().contains("PostgreSQL")) {
									unexpected.add(ex.toString());
								}
							}
							longestCallNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
						}
					}));
				}
				await().atMost(Duration.ofSeconds(60)).until(() -> locked.get() >= 200);
				server.stop();
				await().atMost(Duration.ofSeconds(60)).until(() -> failed.get() >= 20);
				assertThat(manager.backendStatus().problem()).contains("Cannot reach the PostgreSQL server at 127.0.0.1:"
						+ server.port());
				server.start();
				int before = locked.get();
				await().atMost(Duration.ofSeconds(60)).until(() -> locked.get() >= before + 200);
			}
			finally {
				stop.set(true);
				for (Future<?> loop : loops) {
					loop.get(60, TimeUnit.SECONDS);
				}
				threads.shutdownNow();
			}
			assertThat(unexpected).isEmpty();
			// a call waits at most its timeout, plus one connection attempt that the server refuses at once
			assertThat(Duration.ofNanos(longestCallNanos.get())).isLessThan(TIMEOUT.plusSeconds(4));
			assertThat(manager.backendStatus().problem()).isNull();
		}
	}

}
