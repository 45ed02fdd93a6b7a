package io.filelock.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.filelock.Backoff;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.file.FileBackend;
import io.filelock.spi.LockListener.AcquireEvent;
import io.filelock.spi.LockListener.Outcome;
import io.filelock.spi.LockManagerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a caller waits for a lock another process holds, with an injected clock: nothing
 * here really sleeps. The other process is a second manager on the same directory, whose
 * {@code flock(2)} locks exclude this one's as another process's would.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WaitingTests {

	private static final Backoff NO_JITTER = new Backoff(Duration.ofMillis(10), 2.0, Duration.ofMillis(80),
			Duration.ZERO);

	@TempDir
	Path directory;

	private final RecordedAcquisitions acquisitions = new RecordedAcquisitions();

	private LockHandle foreignHold;

	/**
	 * Taken by a thread of its own, which ends: a hold belongs to the thread that took it
	 * ({@link io.filelock.FileLockAssert}), and tests release this one from other threads
	 * or not at all, which would leave the test thread looking as if it held a lock.
	 */
	@BeforeEach
	void holdElsewhere() throws Exception {
		LockManager other = LockManager.builder().directory(this.directory).strategy(LockStrategy.FLOCK).build();
		ExecutorService holder = Executors.newSingleThreadExecutor();
		try {
			this.foreignHold = holder.submit(() -> other.acquire("job")).get(10, TimeUnit.SECONDS);
		}
		finally {
			holder.shutdown();
		}
	}

	/**
	 * Closed, so that the test thread does not go on holding it for later test classes
	 * ({@code FileLockAssert} sees the holds of a thread).
	 */
	@AfterEach
	void releaseElsewhere() {
		this.foreignHold.close();
	}

	private DefaultLockManager manager(FakeClock clock, Backoff backoff) {
		LockManagerSettings settings = LockManager.builder()
			.directory(this.directory)
			.strategy(LockStrategy.FLOCK)
			.backoff(backoff)
			// the backoff is what is tested here: the kernel wait would not poll
			.kernelWait(false)
			.listener(this.acquisitions)
			.settings();
		return new DefaultLockManager(settings, FileBackend.of(settings), clock, clock);
	}

	@Test
	void delaysGrowByTheMultiplierUpToTheMaximumAndTheLastIsCutToTheDeadline() {
		FakeClock clock = new FakeClock();
		DefaultLockManager manager = manager(clock, NO_JITTER);
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(300)))
			.satisfies((ex) -> {
				// attempts at 0, 10, 30, 70, 150, 230 and a last one at the deadline, 300
				assertThat(ex.attempts()).isEqualTo(7);
				assertThat(ex.waited()).isEqualTo(Duration.ofMillis(300));
			})
			.withMessageStartingWith("Timed out after 300 ms (timeout 300 ms, 7 attempt(s))");
		assertThat(clock.sleeps()).containsExactly(millis(10), millis(20), millis(40), millis(80), millis(80),
				millis(70));
		assertThat(this.acquisitions.events).singleElement().satisfies((event) -> {
			assertThat(event.outcome()).isEqualTo(Outcome.TIMEOUT);
			assertThat(event.attempts()).isEqualTo(7);
			assertThat(event.waited()).isEqualTo(Duration.ofMillis(300));
		});
	}

	@Test
	void zeroTimeoutMakesOneAttemptAndNeverSleeps() {
		FakeClock clock = new FakeClock();
		DefaultLockManager manager = manager(clock, NO_JITTER);
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.attempts()).isOne());
		assertThat(manager.tryAcquire("job", LockMode.SHARED)).isEmpty();
		assertThat(clock.sleeps()).isEmpty();
		assertThat(this.acquisitions.events).extracting(AcquireEvent::attempts).containsExactly(1, 1);
	}

	@Test
	void timeoutShorterThanTheFirstDelaySleepsOnlyUntilTheDeadline() {
		FakeClock clock = new FakeClock();
		DefaultLockManager manager = manager(clock, NO_JITTER);
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(4)))
			.satisfies((ex) -> assertThat(ex.attempts()).isEqualTo(2));
		assertThat(clock.sleeps()).containsExactly(millis(4));
	}

	@Test
	void jitterGrowsWithTheDelayAndStaysWithinInitialAndMaximum() {
		FakeClock clock = new FakeClock();
		// Spring's ExponentialBackOff: a delay d varies by jitter * d / initialDelay, clamped
		// to [initialDelay, maxDelay]: 10 -> [10, 12], 20 -> [16, 24], 40 -> [32, 40]
		Backoff jittered = new Backoff(millis(10), 2.0, millis(40), millis(2));
		DefaultLockManager manager = manager(clock, jittered);
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(4)));
		List<Duration> delays = clock.sleeps().subList(0, clock.sleeps().size() - 1);
		assertThat(delays.get(0)).isBetween(millis(10), millis(12));
		assertThat(delays.get(1)).isBetween(millis(16), millis(24));
		assertThat(delays.subList(2, delays.size())).hasSizeGreaterThan(80)
			.allSatisfy((delay) -> assertThat(delay).isBetween(millis(32), millis(40)));
		assertThat(delays.stream().distinct().count()).as("distinct delays").isGreaterThan(2);
	}

	@Test
	void theAttemptAfterTheHolderLeavesAcquires() {
		AtomicReference<FakeClock> clock = new AtomicReference<>();
		clock.set(new FakeClock(() -> {
			if (clock.get().sleeps().size() == 3) {
				this.foreignHold.close();
			}
		}));
		DefaultLockManager manager = manager(clock.get(), NO_JITTER);
		try (LockHandle handle = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(10))) {
			assertThat(handle.mode()).isEqualTo(LockMode.EXCLUSIVE);
		}
		assertThat(clock.get().sleeps()).containsExactly(millis(10), millis(20), millis(40));
		assertThat(this.acquisitions.events).singleElement().satisfies((event) -> {
			assertThat(event.outcome()).isEqualTo(Outcome.ACQUIRED);
			assertThat(event.attempts()).isEqualTo(4);
			assertThat(event.waited()).isEqualTo(Duration.ofMillis(70));
		});
	}

	@Test
	void delaysUnderAMillisecondAreKeptToTheMicrosecond() {
		FakeClock clock = new FakeClock();
		DefaultLockManager manager = manager(clock, new Backoff(micros(500), 2.0, millis(2), Duration.ZERO));
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, millis(5)))
			.satisfies((ex) -> assertThat(ex.attempts()).isEqualTo(5));
		assertThat(clock.sleeps()).containsExactly(micros(500), millis(1), millis(2), micros(1500));
	}

	@Test
	void aZeroInitialDelayStartsAtTheShortestDelayAndNeverSpins() {
		FakeClock clock = new FakeClock();
		DefaultLockManager manager = manager(clock, new Backoff(Duration.ZERO, 2.0, millis(1), Duration.ZERO));
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, millis(3)));
		Duration shortest = Duration.ofNanos(Waiting.SHORTEST_DELAY_NANOS);
		assertThat(clock.sleeps()).startsWith(shortest, shortest.multipliedBy(2), shortest.multipliedBy(4))
			.allSatisfy((delay) -> assertThat(delay).isGreaterThanOrEqualTo(shortest));
	}

	@Test
	void aConstantDelayUnderAMillisecondWaitsThatLongWithARealClock() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder()
			.directory(this.directory)
			.strategy(LockStrategy.FLOCK)
			.backoff(new Backoff(Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO))
			.kernelWait(false)
			.build();
		Duration timeout = Duration.ofMillis(500);
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, timeout))
			// a spinning waiter makes hundreds of thousands of attempts in this time
			.satisfies((ex) -> assertThat(ex.attempts())
				.isLessThanOrEqualTo((int) (timeout.toNanos() / Waiting.SHORTEST_DELAY_NANOS) + 1));
	}

	private static Duration micros(long micros) {
		return Duration.ofNanos(micros * 1000);
	}

	private static Duration millis(long millis) {
		return Duration.ofMillis(millis);
	}

}
