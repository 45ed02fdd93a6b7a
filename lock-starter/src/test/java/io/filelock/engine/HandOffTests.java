package io.filelock.engine;

import io.filelock.testsupport.FlockProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockPolicy;
import io.filelock.LockStrategy;
import io.filelock.engine.file.FileBackend;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockManagerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A lock released while another thread of the JVM waits goes to that thread without the
 * operating-system lock being released, within {@link HandOff.WINDOW_NANOS}
 * of taking it and at most {@link HandOff.LIMIT} times in a row.
 */
@Timeout(60)
class HandOffTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private final ExecutorService holder = Executors.newSingleThreadExecutor();

	private final ExecutorService waiter = Executors.newSingleThreadExecutor();

	private final FakeClock clock = new FakeClock();

	private CountingBackend strategy;

	private DefaultLockManager manager;

	@BeforeEach
	void createManager() {
		LockManagerSettings settings = LockManager.builder()
			.directory(this.directory)
			.strategy(LockStrategy.FLOCK)
			.settings();
		this.strategy = new CountingBackend(FileBackend.of(settings));
		this.manager = new DefaultLockManager(settings, this.strategy, this.clock, Sleeper.SYSTEM);
	}

	@AfterEach
	void stopThreads() {
		this.holder.shutdownNow();
		this.waiter.shutdownNow();
	}

	@Test
	void aReleasedLockGoesToAWaitingThreadWithoutLeavingTheOperatingSystem() throws Exception {
		Future<LockHandle> second = releaseToAWaiter(0);
		try (LockHandle handle = second.get(30, TimeUnit.SECONDS)) {
			assertThat(this.strategy.locks.get()).as("operating-system locks taken").isOne();
			assertThat(this.strategy.unlocks.get()).as("operating-system locks released").isZero();
			assertThat(this.manager.activeCount()).isOne();
			// held all along: flock(1) stands for another process
			assertThat(FlockProcess.canLock(handle.path(), LockMode.SHARED)).isFalse();
		}
		assertThat(this.strategy.unlocks.get()).isOne();
		assertThat(this.manager.activeCount()).isZero();
		assertThat(FlockProcess.canLock(this.manager.resource("job").file(), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void aLockHeldLongerThanTheWindowIsReleasedAndTakenAgain() throws Exception {
		Future<LockHandle> second = releaseToAWaiter(HandOff.WINDOW_NANOS);
		second.get(30, TimeUnit.SECONDS).close();
		assertThat(this.strategy.locks.get()).as("operating-system locks taken").isEqualTo(2);
		assertThat(this.strategy.unlocks.get()).as("operating-system locks released").isEqualTo(2);
	}

	@Test
	void aWaiterOfTheOtherModeTakesItFromTheOperatingSystem() throws Exception {
		LockHandle first = this.holder.submit(() -> this.manager.acquire("job")).get(30, TimeUnit.SECONDS);
		Future<LockHandle> second = this.waiter
			.submit(() -> this.manager.acquire("job", LockMode.SHARED, PATIENCE));
		awaitWaiters(1);
		this.holder.submit(first::close).get(30, TimeUnit.SECONDS);
		try (LockHandle handle = second.get(30, TimeUnit.SECONDS)) {
			assertThat(handle.mode()).isEqualTo(LockMode.SHARED);
			assertThat(this.strategy.unlocks.get()).isOne();
			assertThat(FlockProcess.canLock(handle.path(), LockMode.SHARED)).as("shared with flock(1)").isTrue();
		}
	}

	@Test
	void aRunOfHandOffsEndsAtTheLimit() throws Exception {
		int waiters = HandOff.LIMIT + 4;
		LockHandle first = this.holder.submit(() -> this.manager.acquire("job")).get(30, TimeUnit.SECONDS);
		ExecutorService pool = Executors.newFixedThreadPool(waiters);
		try {
			List<Future<?>> acquisitions = new ArrayList<>();
			for (int t = 0; t < waiters; t++) {
				acquisitions.add(pool.submit(() -> {
					this.manager.acquire("job", LockMode.EXCLUSIVE, PATIENCE).close();
					return null;
				}));
			}
			awaitWaiters(waiters);
			// the clock stands still, so only the limit ends the run of hand-offs among the waiters
			this.holder.submit(first::close).get(30, TimeUnit.SECONDS);
			for (Future<?> acquisition : acquisitions) {
				acquisition.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.strategy.locks.get()).as("operating-system locks for %d acquisitions", waiters + 1)
			.isEqualTo(2);
		assertThat(this.strategy.unlocks.get()).isEqualTo(2);
	}

	/**
	 * Liveness with real time: the window and the limit give flock(1) its turns (the
	 * limit alone is tested above, where the clock stands still).
	 */
	@Test
	void anotherProcessGetsTheLockWhileThreadsOfThisJvmKeepWaitingForIt() throws Exception {
		FlockProcess.assumeInstalled();
		DefaultLockManager real = (DefaultLockManager) LockManager.builder().directory(this.directory).strategy(LockStrategy.FLOCK).build();
		Path file = real.resource("job").file();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger acquisitions = new AtomicInteger();
		int threads = 6;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int t = 0; t < threads; t++) {
				pool.submit(() -> {
					while (!stop.get()) {
						try (LockHandle ignored = real.acquire("job", LockMode.EXCLUSIVE, PATIENCE)) {
							acquisitions.incrementAndGet();
							// held for 100 µs of work, so that a thread of this JVM waits at nearly every release
							long end = System.nanoTime() + 100_000;
							while (System.nanoTime() - end < 0) {
								Thread.onSpinWait();
							}
						}
					}
					return null;
				});
			}
			await().atMost(PATIENCE).until(() -> acquisitions.get() > 200);
			Process flock = FlockProcess.startWaiting(file, Duration.ofSeconds(20));
			assertThat(flock.waitFor(30, TimeUnit.SECONDS)).isTrue();
			int during = acquisitions.get();
			assertThat(flock.exitValue()).as("flock -w 20 exit (1: it never got the lock)").isZero();
			assertThat(during).as("acquisitions went on meanwhile").isGreaterThan(200);
		}
		finally {
			stop.set(true);
			pool.shutdown();
			assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	private Future<LockHandle> releaseToAWaiter(long heldNanos) throws Exception {
		LockHandle first = this.holder.submit(() -> this.manager.acquire("job")).get(30, TimeUnit.SECONDS);
		Future<LockHandle> second = this.waiter
			.submit(() -> this.manager.acquire("job", LockMode.EXCLUSIVE, PATIENCE));
		awaitWaiters(1);
		if (heldNanos > 0) {
			this.clock.sleep(heldNanos);
		}
		this.holder.submit(first::close).get(30, TimeUnit.SECONDS);
		return second;
	}

	private void awaitWaiters(int count) {
		await().atMost(PATIENCE)
			.until(() -> this.manager.snapshot().stream().mapToInt((lock) -> lock.waiting().size()).sum() == count);
	}

	/**
	 * Counts the locks taken and released through the backend it wraps.
	 */
	private static final class CountingBackend implements LockBackend {

		final AtomicInteger locks = new AtomicInteger();

		final AtomicInteger unlocks = new AtomicInteger();

		private final LockBackend delegate;

		CountingBackend(LockBackend delegate) {
			this.delegate = delegate;
		}

		@Override
		public BackendKey keyOf(String name, LockPolicy policy) {
			return this.delegate.keyOf(name, policy);
		}

		@Override
		public BackendLock open(BackendKey key) {
			BackendLock lock = this.delegate.open(key);
			return new BackendLock() {

				@Override
				public boolean tryLock(LockMode mode) {
					return counted(lock.tryLock(mode));
				}

				@Override
				public boolean canAwait() {
					return lock.canAwait();
				}

				@Override
				public boolean awaitLock(LockMode mode, long nanos) throws InterruptedException {
					return counted(lock.awaitLock(mode, nanos));
				}

				@Override
				public void unlock() {
					CountingBackend.this.unlocks.incrementAndGet();
					lock.unlock();
				}

				@Override
				public boolean othersWaiting(long pid) {
					return lock.othersWaiting(pid);
				}

				@Override
				public void close() {
					lock.close();
				}

			};
		}

		private boolean counted(boolean locked) {
			if (locked) {
				this.locks.incrementAndGet();
			}
			return locked;
		}

		@Override
		public Optional<LockHolders> holders(BackendKey key) {
			return this.delegate.holders(key);
		}

		@Override
		public LockBackendStatus status() {
			return this.delegate.status();
		}

	}

}
