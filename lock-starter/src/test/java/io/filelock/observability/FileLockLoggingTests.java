package io.filelock.observability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.Sleeper;
import io.filelock.engine.Ticker;
import io.filelock.engine.file.FileBackend;
import io.filelock.spi.LockManagerSettings;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A caller waiting for another process or thread logs one INFO line once it has waited
 * noticeably, and one WARN line when it gives up, however many times it retries.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileLockLoggingTests {

	@TempDir
	Path directory;

	private final AtomicInteger retries = new AtomicInteger();

	private DefaultLockManager manager() {
		Sleeper counting = (nanos) -> {
			this.retries.incrementAndGet();
			Sleeper.SYSTEM.sleep(nanos);
		};
		LockManagerSettings settings = LockManager.builder()
			.directory(this.directory)
			.waitLogThreshold(Duration.ofMillis(100))
			// retried many times, and logged once all the same (KernelWaitTests log the kernel wait)
			.kernelWait(false)
			.settings();
		return new DefaultLockManager(settings, FileBackend.of(settings), Ticker.SYSTEM, counting);
	}

	@Test
	void noticeableWaitLogsOneInfoLine(CapturedOutput output) throws Exception {
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("import.lock");
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread waiter;
		try (FlockProcess flock = FlockProcess.hold(file)) {
			waiter = new Thread(() -> {
				try (LockHandle handle = manager.acquire("import", LockMode.EXCLUSIVE, Duration.ofSeconds(40))) {
					// acquired
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			});
			waiter.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("Blocking waiting"));
			int retriesWhenLogged = this.retries.get();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.retries.get() >= retriesWhenLogged + 10);
		}
		waiter.join(20_000);
		assertThat(failure.get()).isNull();
		List<String> blocking = lines(output, "Blocking waiting for file lock");
		assertThat(blocking).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO", "'import'", file.toString(), "EXCLUSIVE",
					"no owner record", "flock"));
		assertThat(lines(output, "Acquired file lock 'import' after")).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO"));
		assertThat(lines(output, " WARN ")).isEmpty();
	}

	@Test
	void timeoutLogsOneWarnLine(CapturedOutput output) throws Exception {
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("import.lock");
		try (FlockProcess flock = FlockProcess.hold(file)) {
			LockTimeoutException timeout = assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("import", LockMode.EXCLUSIVE, Duration.ofMillis(600)))
				.actual();
			assertThat(this.retries.get()).isGreaterThan(3);
			assertThat(lines(output, " WARN ")).singleElement()
				.satisfies((line) -> assertThat(line).endsWith(timeout.getMessage()))
				.satisfies((line) -> assertThat(line).contains("'import'", file.toString(), "timeout 600 ms"));
			assertThat(lines(output, "Blocking waiting for file lock")).singleElement()
				.satisfies((line) -> assertThat(line).contains("INFO"));
		}
	}

	@Test
	void noticeableWaitForAnotherThreadLogsOneInfoLine(CapturedOutput output) throws Exception {
		DefaultLockManager manager = manager();
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> {
			try (LockHandle handle = manager.acquire("import")) {
				held.countDown();
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "holding-thread");
		holder.start();
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
		Thread releaser = new Thread(() -> {
			await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("Blocking waiting"));
			release.countDown();
		});
		releaser.start();
		manager.acquire("import", LockMode.EXCLUSIVE, Duration.ofSeconds(40)).close();
		releaser.join(20_000);
		holder.join(20_000);
		assertThat(lines(output, "Blocking waiting for file lock")).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO", "'import'", "holding-thread", "of this process"));
		assertThat(lines(output, "Acquired file lock 'import' after")).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO"));
		assertThat(lines(output, " WARN ")).isEmpty();
	}

	@Test
	void timeoutWaitingForAnotherThreadLogsOneInfoAndOneWarnLine(CapturedOutput output) throws Exception {
		DefaultLockManager manager = manager();
		try (LockHandle handle = manager.acquire("import")) {
			Thread waiter = new Thread(() -> assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("import", LockMode.EXCLUSIVE, Duration.ofMillis(400))));
			waiter.start();
			waiter.join(20_000);
		}
		assertThat(lines(output, "Blocking waiting for file lock")).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO", "of this process"));
		assertThat(lines(output, " WARN ")).singleElement()
			.satisfies((line) -> assertThat(line).contains("Timed out", "timeout 400 ms"));
	}

	@Test
	void quickAcquisitionLogsNothingAboveDebug(CapturedOutput output) {
		DefaultLockManager manager = manager();
		// building the manager logs the startup line, which says where locks are held
		String built = output.getOut();
		manager.acquire("import").close();
		String acquired = output.getOut().substring(built.length());
		assertThat(acquired.lines().filter((line) -> line.contains(" INFO ") || line.contains(" WARN "))).isEmpty();
	}

	private static List<String> lines(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

}
