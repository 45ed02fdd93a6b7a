package io.filelock.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.engine.DefaultLockManager;
import io.filelock.spi.LockListener.AcquireEvent;
import io.filelock.spi.LockListener.Outcome;
import io.filelock.LockRequest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileLockMetricsListenerTests {

	@TempDir
	Path directory;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private DefaultLockManager manager() {
		return (DefaultLockManager) LockManager.builder()
			.directory(this.directory)
			.listener(new FileLockMetricsListener(this.registry))
			.build();
	}

	@Test
	void acquiredLockIsTimedWhileAcquiredAndHeld() {
		DefaultLockManager manager = manager();
		manager.acquire("report", LockMode.SHARED).close();
		assertThat(acquireTimer("report", "shared", "acquired").count()).isEqualTo(1);
		assertThat(this.registry.get("file.lock.held").tags("lock", "report", "mode", "shared").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.find("file.lock.timeouts").counters()).isEmpty();
	}

	@Test
	void timeoutIsTimedAndCountedAndAQuietTryIsSkippedNotTimedOut() throws Exception {
		DefaultLockManager manager = manager();
		try (HeldElsewhere held = HeldElsewhere.hold(manager, "report")) {
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("report", LockMode.EXCLUSIVE, Duration.ofMillis(20)));
			assertThat(manager.tryAcquire("report", LockMode.SHARED)).isEmpty();
		}
		assertThat(acquireTimer("report", "exclusive", "timeout").count()).isEqualTo(1);
		assertThat(acquireTimer("report", "shared", "skipped").count()).isEqualTo(1);
		assertThat(acquireTimer("report", "exclusive", "timeout").totalTime(TimeUnit.MILLISECONDS))
			.isGreaterThanOrEqualTo(20);
		assertThat(this.registry.get("file.lock.timeouts").tags("lock", "report", "mode", "exclusive").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.find("file.lock.timeouts").tags("mode", "shared").counters()).isEmpty();
	}

	@Test
	void interruptionIsTimed() throws Exception {
		DefaultLockManager manager = manager();
		try (HeldElsewhere held = HeldElsewhere.hold(manager, "report")) {
			Thread.currentThread().interrupt();
			assertThatExceptionOfType(LockInterruptedException.class)
				.isThrownBy(() -> manager.acquire("report", LockMode.EXCLUSIVE, Duration.ofSeconds(20)));
			assertThat(Thread.interrupted()).isTrue();
		}
		assertThat(acquireTimer("report", "exclusive", "interrupted").count()).isEqualTo(1);
		assertThat(this.registry.find("file.lock.timeouts").counters()).isEmpty();
	}

	@Test
	void interruptionWhileWaitingIsTimed() throws Exception {
		DefaultLockManager manager = manager();
		try (HeldElsewhere held = HeldElsewhere.hold(manager, "report")) {
			Thread waiter = new Thread(() -> {
				try {
					manager.acquire("report", LockMode.EXCLUSIVE, Duration.ofSeconds(20)).close();
				}
				catch (LockInterruptedException ex) {
					// expected
				}
			});
			waiter.start();
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> manager.pendingCount() == 1);
			waiter.interrupt();
			waiter.join(10_000);
			assertThat(waiter.isAlive()).isFalse();
		}
		assertThat(acquireTimer("report", "exclusive", "interrupted").count()).isEqualTo(1);
	}

	@Test
	void failureIsTimedAsError() throws Exception {
		Path notADirectory = Files.createFile(this.directory.resolve("file"));
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder()
			.directory(notADirectory.resolve("locks"))
			.listener(new FileLockMetricsListener(this.registry))
			.build();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("report"));
		assertThat(acquireTimer("report", "exclusive", "error").count()).isEqualTo(1);
	}

	@Test
	void templatedNamesShareOneLockTag() {
		DefaultLockManager manager = manager();
		for (int id = 0; id < 50; id++) {
			manager.acquire(new LockRequest("account-" + id, LockMode.EXCLUSIVE, null, "account-#{#id}")).close();
		}
		assertThat(this.registry.find("file.lock.acquire").timers()).singleElement()
			.satisfies((timer) -> assertThat(timer.getId().getTag("lock")).isEqualTo("account-#{#id}"))
			.satisfies((timer) -> assertThat(timer.count()).isEqualTo(50));
		assertThat(this.registry.getMeters()).map(Meter::getId)
			.allSatisfy((id) -> assertThat(id.getTag("lock")).isEqualTo("account-#{#id}"));
	}

	@Test
	void metersAreRegisteredOncePerLockModeAndOutcome() {
		FileLockMetricsListener listener = new FileLockMetricsListener(this.registry);
		for (int i = 0; i < 3; i++) {
			listener.acquireFinished(event("a", LockMode.EXCLUSIVE, Outcome.ACQUIRED));
			listener.acquireFinished(event("a", LockMode.EXCLUSIVE, Outcome.TIMEOUT));
			listener.released("a", LockMode.EXCLUSIVE, Duration.ofMillis(1));
		}
		// acquire x2 outcomes, timeouts, held
		assertThat(this.registry.getMeters()).hasSize(4);
		assertThat(acquireTimer("a", "exclusive", "acquired").count()).isEqualTo(3);
	}

	@Test
	void namesBeyondTheLimitAreRecordedUnderOneTag() {
		FileLockMetricsListener listener = new FileLockMetricsListener(this.registry, 2);
		for (String name : new String[] { "a", "b", "c", "d", "a" }) {
			listener.acquireFinished(event(name, LockMode.EXCLUSIVE, Outcome.ACQUIRED));
		}
		assertThat(this.registry.find("file.lock.acquire").timers()).map((timer) -> timer.getId().getTag("lock"))
			.containsExactlyInAnyOrder("a", "b", FileLockMetricsListener.OVERFLOW_TAG);
		assertThat(acquireTimer("a", "exclusive", "acquired").count()).isEqualTo(2);
		assertThat(acquireTimer(FileLockMetricsListener.OVERFLOW_TAG, "exclusive", "acquired").count()).isEqualTo(2);
	}

	@Test
	void invalidLimitIsRejected() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new FileLockMetricsListener(this.registry, 0))
			.withMessage("Invalid maxLockNames '0': must be >= 1");
	}

	private static AcquireEvent event(String lock, LockMode mode, Outcome outcome) {
		return new AcquireEvent(lock, mode, outcome, Duration.ofMillis(2), 1);
	}

	private Timer acquireTimer(String lock, String mode, String outcome) {
		return this.registry.get("file.lock.acquire").tags("lock", lock, "mode", mode, "outcome", outcome).timer();
	}

	/**
	 * Holds a lock on another thread until closed.
	 */
	static final class HeldElsewhere implements AutoCloseable {

		private final CountDownLatch release = new CountDownLatch(1);

		private final Thread thread;

		private HeldElsewhere(LockManager manager, String name, CountDownLatch held) {
			this.thread = new Thread(() -> {
				try (LockHandle handle = manager.acquire(name)) {
					held.countDown();
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "holder-of-" + name);
		}

		static HeldElsewhere hold(LockManager manager, String name) throws InterruptedException {
			CountDownLatch held = new CountDownLatch(1);
			HeldElsewhere holder = new HeldElsewhere(manager, name, held);
			holder.thread.start();
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			return holder;
		}

		@Override
		public void close() throws InterruptedException {
			this.release.countDown();
			this.thread.join(10_000);
			assertThat(this.thread.isAlive()).isFalse();
		}

	}

}
