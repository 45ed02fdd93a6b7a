package io.filelock.engine.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.AbstractLockManagerContractTests;
import io.filelock.engine.CountingSleeper;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.RecordedAcquisitions;
import io.filelock.engine.Ticker;
import io.filelock.testsupport.ForeignLocks;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The kernel wait of the {@code FCNTL} strategy against a POSIX lock held by a second
 * JVM: the waiter's request blocks in the kernel (seen in {@code /proc/locks} as a blocked
 * request of this process) and never polls, takes the lock when it is released, and
 * still gives up at its timeout or when interrupted without leaving a blocked request or
 * a lock behind. (The other JVM's lock needs the file to exist: each test creates it
 * first.)
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FcntlKernelWaitTests {

	private static ChannelProbe probe;

	@TempDir
	Path directory;

	private final CountingSleeper sleeper = new CountingSleeper();

	private final RecordedAcquisitions acquisitions = new RecordedAcquisitions();

	@BeforeAll
	static void startProbe() {
		probe = new ChannelProbe();
	}

	@AfterAll
	static void stopProbe() throws Exception {
		probe.close();
	}

	private DefaultLockManager manager() {
		return Managers.build(builder(), Ticker.SYSTEM, this.sleeper);
	}

	private LockManagerBuilder builder() {
		return LockManager.builder()
			.directory(this.directory)
			.strategy(LockStrategy.FCNTL)
			.listener(this.acquisitions);
	}

	private static LockHandle acquiredOnceTheOtherJvmReleases(Path file, Callable<LockHandle> acquire)
			throws Throwable {
		return acquiredOnceTheOtherJvmReleases(Executors.newSingleThreadExecutor(), file, acquire, () -> {
		});
	}

	/**
	 * Lets {@code acquire} wait on {@code executor} behind a lock the other JVM holds until
	 * its request is seen blocked in the kernel, runs {@code whileWaiting}, has the other
	 * JVM release, and shuts the executor down.
	 * @return the handle of the acquisition, which then took the lock
	 */
	private static LockHandle acquiredOnceTheOtherJvmReleases(ExecutorService executor, Path file,
			Callable<LockHandle> acquire, ThrowingCallable whileWaiting) throws Throwable {
		try {
			Future<LockHandle> waiter;
			try (ForeignLocks.Hold hold = probe.hold(file)) {
				waiter = executor.submit(acquire);
				await().atMost(Duration.ofSeconds(30)).until(() -> KernelWaitTests.blockedRequests(file) == 1);
				whileWaiting.call();
			}
			return waiter.get(30, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void waiterBlocksInTheKernelAndTakesTheLockWhenTheHolderReleases() throws Throwable {
		DefaultLockManager manager = manager();
		assertThat(manager.backendStatus().details().get("waits").equals("kernel")).isTrue();
		Path file = manager.resource("import").file();
		manager.acquire("import").close();
		this.acquisitions.events.clear();
		try (LockHandle handle = acquiredOnceTheOtherJvmReleases(file,
				() -> manager.acquire("import", LockMode.EXCLUSIVE, Duration.ofSeconds(60)))) {
			assertThat(probe.canLock(file, LockMode.SHARED)).isFalse();
		}
		assertThat(probe.canLock(file, LockMode.EXCLUSIVE)).isTrue();
		assertThat(this.sleeper.sleeps.get()).isZero();
		// the first attempt, and the one that finds the lock taken by the wait
		assertThat(this.acquisitions.events).singleElement()
			.satisfies((event) -> assertThat(event.attempts()).isEqualTo(2));
	}

	/**
	 * At the wait log threshold the wait is ended (by closing the channel), logged, and
	 * begun again on the file opened anew.
	 */
	@Test
	void aWaitPastTheLogThresholdGoesOnInTheKernelOnTheFileOpenedAgain(CapturedOutput output) throws Throwable {
		DefaultLockManager manager = Managers.build(builder().waitLogThreshold(Duration.ofMillis(300)), Ticker.SYSTEM,
				this.sleeper);
		Path file = manager.resource("import").file();
		manager.acquire("import").close();
		this.acquisitions.events.clear();
		try (LockHandle handle = acquiredOnceTheOtherJvmReleases(Executors.newSingleThreadExecutor(), file,
				() -> manager.acquire("import", LockMode.EXCLUSIVE, Duration.ofSeconds(60)), () -> {
					await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("Blocking waiting"));
					await().atMost(Duration.ofSeconds(30)).until(() -> KernelWaitTests.blockedRequests(file) == 1);
					// the holder is still named while the file is closed and opened again under the waiter
					assertThat(manager.holders("import")).isPresent();
				})) {
			assertThat(probe.canLock(file, LockMode.SHARED)).isFalse();
		}
		// the first attempt, the one after the log line, and the one that finds the lock taken by the wait
		assertThat(this.acquisitions.events).singleElement()
			.satisfies((event) -> assertThat(event.attempts()).isEqualTo(3));
		assertThat(output.getOut()).containsOnlyOnce("Blocking waiting for file lock 'import'");
	}

	@Test
	void sharedWaiterTakesTheLockSharedWhenTheWriterReleases() throws Throwable {
		DefaultLockManager manager = manager();
		Path file = manager.resource("report").file();
		manager.acquire("report").close();
		try (LockHandle handle = acquiredOnceTheOtherJvmReleases(file,
				() -> manager.acquire("report", LockMode.SHARED, Duration.ofSeconds(60)))) {
			assertThat(handle.mode()).isEqualTo(LockMode.SHARED);
			assertThat(probe.canLock(file, LockMode.SHARED)).isTrue();
			assertThat(probe.canLock(file, LockMode.EXCLUSIVE)).isFalse();
		}
		assertThat(this.sleeper.sleeps.get()).isZero();
	}

	@Test
	void timeoutEndsTheWaitAndLeavesNoGhostHolder() throws Exception {
		DefaultLockManager manager = manager();
		Path file = manager.resource("job").file();
		manager.acquire("job").close();
		for (int i = 0; i < 10; i++) {
			try (ForeignLocks.Hold hold = probe.hold(file)) {
				long begin = System.nanoTime();
				assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(50)))
					.satisfies((ex) -> assertThat(ex.attempts()).isEqualTo(2));
				assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
				assertThat(KernelWaitTests.blockedRequests(file)).isZero();
			}
			// had an abandoned wait lingered in the kernel, it would take the lock now, for a moment at least
			assertThat(probe.canLock(file, LockMode.EXCLUSIVE)).isTrue();
			assertThat(manager.tryAcquire("job", LockMode.EXCLUSIVE)).hasValueSatisfying(LockHandle::close);
			assertThat(probe.canLock(file, LockMode.EXCLUSIVE)).isTrue();
		}
		assertThat(this.sleeper.sleeps.get()).isZero();
	}

	@Test
	void interruptEndsTheWait() throws Exception {
		DefaultLockManager manager = manager();
		Path file = manager.resource("job").file();
		manager.acquire("job").close();
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		try (ForeignLocks.Hold hold = probe.hold(file)) {
			Thread waiter = new Thread(() -> {
				try (LockHandle handle = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(60))) {
					outcome.set(new AssertionError("acquired"));
				}
				catch (Throwable ex) {
					outcome.set(ex);
				}
			});
			waiter.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> KernelWaitTests.blockedRequests(file) == 1);
			waiter.interrupt();
			waiter.join(TimeUnit.SECONDS.toMillis(10));
			assertThat(waiter.isAlive()).isFalse();
			assertThat(outcome.get()).isInstanceOf(LockInterruptedException.class);
			assertThat(KernelWaitTests.blockedRequests(file)).isZero();
		}
		assertThat(probe.canLock(file, LockMode.EXCLUSIVE)).isTrue();
		assertThat(manager.pendingCount()).isZero();
		assertThat(Managers.registeredEntries(manager)).isZero();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsWaitInTheKernelToo() throws Throwable {
		DefaultLockManager manager = manager();
		Path file = manager.resource("job").file();
		manager.acquire("job").close();
		acquiredOnceTheOtherJvmReleases(AbstractLockManagerContractTests.newVirtualThreadPerTaskExecutor(), file,
				() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(60)), () -> {
				})
			.close();
		assertThat(this.sleeper.sleeps.get()).isZero();
	}

	/**
	 * POSIX locks detect deadlocks between processes: here the other JVM holds {@code b}
	 * and waits in the kernel for {@code a}, which this JVM holds, so this JVM's wait for
	 * {@code b} would close the cycle and {@code fcntl(F_SETLKW)} fails with
	 * {@code EDEADLK}. The acquisition polls with the backoff then, and ends at its
	 * timeout as with {@code flock}, rather than failing.
	 */
	@Test
	void aWaitTheKernelRefusesAsADeadlockPollsUntilTheTimeout() throws Exception {
		DefaultLockManager manager = manager();
		Path a = manager.resource("a").file();
		Path b = manager.resource("b").file();
		manager.acquire("b").close();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (ForeignLocks.Hold holdB = probe.hold(b)) {
			Future<ForeignLocks.Hold> holdA;
			try (LockHandle handleA = manager.acquire("a")) {
				holdA = executor.submit(() -> probe.hold(a));
				await().atMost(Duration.ofSeconds(30)).until(() -> KernelWaitTests.blockedRequestsOfAnyProcess(a) == 1);
				assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> manager.acquire("b", LockMode.EXCLUSIVE, Duration.ofMillis(300)));
				assertThat(this.sleeper.sleeps.get()).as("backoff sleeps after the refused wait").isPositive();
			}
			holdA.get(30, TimeUnit.SECONDS).close();
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(manager.tryAcquire("b", LockMode.EXCLUSIVE)).hasValueSatisfying(LockHandle::close);
	}

}
