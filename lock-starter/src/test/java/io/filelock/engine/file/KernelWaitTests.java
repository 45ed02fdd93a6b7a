package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.AbstractLockManagerContractTests;
import io.filelock.engine.CountingSleeper;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.RecordedAcquisitions;
import io.filelock.engine.Ticker;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel wait of the {@code FLOCK} strategy against a real {@code flock(1)} holder:
 * the waiter blocks in {@code flock(2)} (seen in {@code /proc/locks} as a blocked
 * request of this process) and never polls, takes the lock as soon as it is released, and
 * still gives up at its timeout or when interrupted, without leaving anything behind: no
 * blocked request, no moment in which it holds the lock after giving up, no signal that
 * reaches the thread after it left the wait.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KernelWaitTests {

	@TempDir
	Path directory;

	private final CountingSleeper sleeper = new CountingSleeper();

	private final RecordedAcquisitions acquisitions = new RecordedAcquisitions();

	@BeforeAll
	static void kernelWaitAvailable() {
		assumeTrue(KernelWait.AVAILABLE, () -> "no kernel wait here: " + KernelWait.UNAVAILABLE_REASON);
		FlockProcess.assumeInstalled();
	}

	private DefaultLockManager manager() {
		return Managers.build(LockManager.builder()
			.directory(this.directory)
			.strategy(LockStrategy.FLOCK)
			.waitLogThreshold(Duration.ofMillis(300))
			.listener(this.acquisitions), Ticker.SYSTEM, this.sleeper);
	}

	@Test
	void waiterBlocksInTheKernelAndTakesTheLockWhenFlockReleasesIt(CapturedOutput output) throws Exception {
		DefaultLockManager manager = manager();
		Path file = manager.resource("import").file();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<LockHandle> waiter;
			try (FlockProcess flock = FlockProcess.hold(file)) {
				waiter = executor.submit(() -> manager.acquire("import", LockMode.EXCLUSIVE, Duration.ofSeconds(60)));
				await().atMost(Duration.ofSeconds(30)).until(() -> blockedRequests(file) == 1);
				// past the log threshold the wait is logged once and goes on in the kernel
				await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("Blocking waiting"));
				await().atMost(Duration.ofSeconds(30)).until(() -> blockedRequests(file) == 1);
			}
			try (LockHandle handle = waiter.get(30, TimeUnit.SECONDS)) {
				assertThat(FlockProcess.canLock(file, LockMode.EXCLUSIVE)).isFalse();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.sleeper.sleeps.get()).isZero();
		// the first attempt, the one after the log line, and the one that finds the lock taken by the wait
		assertThat(this.acquisitions.events).singleElement().satisfies((event) -> assertThat(event.attempts()).isEqualTo(3));
		assertThat(output.getOut()).containsOnlyOnce("Blocking waiting for file lock 'import'")
			.containsOnlyOnce("Acquired file lock 'import' after");
	}

	@Test
	void sharedWaiterTakesTheLockSharedWhenTheWriterReleases() throws Exception {
		DefaultLockManager manager = manager();
		Path file = manager.resource("report").file();
		CompletableFuture<LockHandle> waiter;
		try (FlockProcess flock = FlockProcess.hold(file)) {
			waiter = CompletableFuture
				.supplyAsync(() -> manager.acquire("report", LockMode.SHARED, Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> blockedRequests(file) == 1);
		}
		try (LockHandle handle = waiter.get(30, TimeUnit.SECONDS)) {
			assertThat(handle.mode()).isEqualTo(LockMode.SHARED);
			assertThat(FlockProcess.canLock(file, LockMode.SHARED)).isTrue();
			assertThat(FlockProcess.canLock(file, LockMode.EXCLUSIVE)).isFalse();
		}
		assertThat(this.sleeper.sleeps.get()).isZero();
	}

	@Test
	void timeoutEndsTheWaitAndLeavesNoGhostHolder() throws Exception {
		DefaultLockManager manager = manager();
		Path file = manager.resource("job").file();
		for (int i = 0; i < 10; i++) {
			try (FlockProcess flock = FlockProcess.hold(file)) {
				long begin = System.nanoTime();
				assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(50)))
					.withMessageContaining("/proc/locks lists pid " + flock.pid() + " (flock) FLOCK WRITE");
				assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
				assertThat(blockedRequests(file)).isZero();
			}
			// had an abandoned wait lingered in the kernel, it would take the lock now, for a moment at least
			assertThat(FlockProcess.canLock(file, LockMode.EXCLUSIVE)).isTrue();
			assertThat(manager.tryAcquire("job", LockMode.EXCLUSIVE)).hasValueSatisfying(LockHandle::close);
		}
		assertThat(this.sleeper.sleeps.get()).isZero();
	}

	@Test
	void interruptEndsTheWait() throws Exception {
		DefaultLockManager manager = manager();
		Path file = manager.resource("job").file();
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		try (FlockProcess flock = FlockProcess.hold(file)) {
			Thread waiter = new Thread(() -> {
				try (LockHandle handle = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(60))) {
					outcome.set(new AssertionError("acquired"));
				}
				catch (Throwable ex) {
					outcome.set(ex);
				}
			});
			waiter.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> blockedRequests(file) == 1);
			waiter.interrupt();
			waiter.join(TimeUnit.SECONDS.toMillis(10));
			assertThat(waiter.isAlive()).isFalse();
			assertThat(outcome.get()).isInstanceOf(LockInterruptedException.class);
			assertThat(blockedRequests(file)).isZero();
		}
		assertThat(FlockProcess.canLock(file, LockMode.EXCLUSIVE)).isTrue();
		assertThat(manager.pendingCount()).isZero();
		assertThat(Managers.registeredEntries(manager)).isZero();
	}

	@Test
	void noSignalReachesTheThreadAfterItLeftTheWait() throws Exception {
		// a signal that came late would make this thread's next blocking call fail with EINTR
		Poll poll = Native.load(Platform.C_LIBRARY_NAME, Poll.class);
		DefaultLockManager manager = manager();
		Path file = manager.resource("job").file();
		int interrupted = 0;
		try (FlockProcess flock = FlockProcess.hold(file)) {
			for (int i = 0; i < 200; i++) {
				// timeouts of 1 to 3 ms: the timer's signal races the thread's way out
				Duration timeout = Duration.ofMillis(1 + i % 3);
				assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, timeout));
				if (poll.poll(null, 0, 5) != 0) {
					interrupted++;
				}
			}
		}
		assertThat(interrupted).isZero();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsPollWithTheBackoffRatherThanPinTheirCarrier() throws Exception {
		DefaultLockManager manager = manager();
		Path file = manager.resource("job").file();
		ExecutorService virtualThreads = AbstractLockManagerContractTests.newVirtualThreadPerTaskExecutor();
		try {
			Future<LockHandle> waiter;
			try (FlockProcess flock = FlockProcess.hold(file)) {
				waiter = virtualThreads.submit(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(60)));
				await().atMost(Duration.ofSeconds(30)).until(() -> this.sleeper.sleeps.get() >= 3);
				assertThat(blockedRequests(file)).isZero();
			}
			waiter.get(30, TimeUnit.SECONDS).close();
		}
		finally {
			virtualThreads.shutdownNow();
		}
	}

	/**
	 * How many requests of this process wait for the file in the kernel.
	 */
	static long blockedRequests(Path file) throws IOException {
		String pid = Long.toString(ProcessHandle.current().pid());
		return blockedRequests(file, pid::equals);
	}

	/**
	 * How many requests of any process wait for the file in the kernel.
	 */
	static long blockedRequestsOfAnyProcess(Path file) throws IOException {
		return blockedRequests(file, (pid) -> true);
	}

	private static long blockedRequests(Path file, Predicate<String> pid) throws IOException {
		String inode = ":" + Files.getAttribute(file, "unix:ino");
		// "12: -> FLOCK  ADVISORY  WRITE 4242 fd:01:1234 0 EOF"
		return Files.readAllLines(Path.of("/proc/locks"))
			.stream()
			.map((line) -> line.trim().split("\\s+"))
			.filter((fields) -> fields.length >= 7 && fields[1].equals("->") && pid.test(fields[5])
					&& fields[6].endsWith(inode))
			.count();
	}

	/**
	 * {@code poll(2)} on no descriptors: sleeps, or fails at once with {@code EINTR} when a
	 * signal arrives.
	 */
	public interface Poll extends Library {

		int poll(Pointer fds, long count, int timeoutMillis);

	}

}
