package io.filelock.engine;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManagerBuilder;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockManagerSettings;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.ForeignLockHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * What every backend must do, whatever it holds locks on (after ShedLock's
 * {@code AbstractLockProviderIntegrationTest}): run once per lock-file strategy and for
 * PostgreSQL by subclasses. Other processes are real: the subclass's
 * {@link ForeignLockHolder} and child JVMs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
public abstract class AbstractLockManagerContractTests {

	protected static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

	/**
	 * A builder of managers of the backend under test.
	 */
	protected abstract LockManagerBuilder builder();

	/**
	 * The backend of the given settings, for managers with a clock of their own.
	 */
	protected abstract LockBackend backend(LockManagerSettings settings);

	/**
	 * Another process, locking the same locks by name with the kind of lock the backend
	 * must exclude.
	 */
	protected abstract ForeignLockHolder foreign();

	/**
	 * Starts a JVM that takes lock {@code name} EXCLUSIVE through a manager of the backend
	 * under test with application name {@code lock-test-holder}, says {@code locked} and
	 * keeps it until it is killed or its input ends.
	 */
	protected abstract ChildJvm startHolder(String name) throws Exception;

	/**
	 * Child JVMs increment a JSON counter under a lock of the backend.
	 * @return the final count
	 */
	protected abstract int countUnderLock(int processes, int increments) throws Exception;

	/**
	 * What a timeout message says of the {@link #foreign()} holder.
	 */
	protected abstract String foreignHolderPhrase();

	/**
	 * Asserts that the holders name the given process as the holder.
	 */
	protected abstract void assertHeldBy(LockHolders holders, long pid);

	/**
	 * Asserts what else a timeout says of a holder JVM; nothing by default.
	 */
	protected void assertNamesHolder(LockTimeoutException timeout, ChildJvm holder) {
	}

	protected DefaultLockManager manager() {
		return (DefaultLockManager) builder().build();
	}

	protected DefaultLockManager manager(Ticker ticker, Sleeper sleeper) {
		LockManagerSettings settings = builder().settings();
		return new DefaultLockManager(settings, backend(settings), ticker, sleeper);
	}

	// ---- acquire, release, tryAcquire ----

	@Test
	void acquireHoldsTheLockUntilClose() throws Exception {
		DefaultLockManager manager = manager();
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(handle.name()).isEqualTo("job");
			assertThat(handle.mode()).isEqualTo(LockMode.EXCLUSIVE);
			assertThat(handle.acquiredAt()).isNotNull();
			assertThat(handle.resource()).isEqualTo(manager.resource("job").description());
			assertThat(handle.isValid()).isTrue();
			assertThat(manager.activeCount()).isOne();
			assertThat(foreign().canLock("job", LockMode.SHARED)).isFalse();
			handle.close();
			assertThat(handle.isValid()).isFalse();
		}
		assertThat(manager.activeCount()).isZero();
		assertThat(registeredEntries(manager)).isZero();
		assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void tryAcquireIsEmptyAndAcquireTimesOutWhileAnotherProcessHolds() throws Exception {
		DefaultLockManager manager = manager();
		try (ForeignLockHolder.Hold hold = foreign().hold("job")) {
			assertThat(manager.tryAcquire("job", LockMode.EXCLUSIVE)).isEmpty();
			assertThat(manager.tryAcquire("job", LockMode.SHARED)).isEmpty();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(300)))
				.satisfies((ex) -> {
					assertThat(ex.lockName()).isEqualTo("job");
					assertThat(ex.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
					assertThat(ex.attempts()).isGreaterThan(1);
				})
				.withMessageContaining("'job'")
				.withMessageContaining(manager.resource("job").description())
				.withMessageContaining("EXCLUSIVE")
				.withMessageContaining("timeout 300 ms")
				.withMessageMatching("(?s)Timed out after \\d+ ms .*\\d+ attempt\\(s\\).*")
				.withMessageContaining(foreignHolderPhrase());
			assertThat(registeredEntries(manager)).isZero();
			assertThat(manager.pendingCount()).isZero();
		}
		try (LockHandle handle = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO)) {
			assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isFalse();
		}
	}

	@Test
	void zeroTimeoutMakesExactlyOneAttempt() throws Exception {
		DefaultLockManager manager = manager();
		try (ForeignLockHolder.Hold hold = foreign().hold("job")) {
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO))
				.satisfies((ex) -> assertThat(ex.attempts()).isOne());
		}
	}

	@Test
	void waitNeverExceedsTheTimeoutByMoreThanOneAttempt() throws Exception {
		Duration timeout = Duration.ofMillis(400);
		DefaultLockManager manager = manager();
		try (ForeignLockHolder.Hold hold = foreign().hold("job")) {
			long start = System.nanoTime();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, timeout));
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			// one attempt is a system call or a round trip; the slack is for a loaded machine, not for a sleep
			assertThat(elapsed).isBetween(timeout, timeout.plusSeconds(2));
		}
	}

	// ---- reentrancy ----

	@Test
	void reentrantAcquisitionsCountHoldsAndTheLastCloseReleases() throws Exception {
		DefaultLockManager manager = manager();
		LockHandle first = manager.acquire("job");
		LockHandle second = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO);
		LockHandle shared = manager.acquire("job", LockMode.SHARED);
		assertThat(manager.snapshot()).singleElement()
			.satisfies((lock) -> assertThat(lock.holders()).singleElement()
				.satisfies((holder) -> assertThat(holder.holdCount()).isEqualTo(3)));
		first.close();
		shared.close();
		assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isFalse();
		second.close();
		assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isTrue();
		assertThat(manager.activeCount()).isZero();
		assertThat(registeredEntries(manager)).isZero();
	}

	@Test
	void upgradeFromSharedIsRefusedAtOnce() {
		DefaultLockManager manager = manager();
		try (LockHandle shared = manager.acquire("job", LockMode.SHARED)) {
			assertThatExceptionOfType(LockException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMinutes(5)))
				.isNotInstanceOf(LockTimeoutException.class)
				.withMessageContaining("'job'")
				.withMessageContaining("upgrades are not supported");
			assertThat(manager.snapshot()).singleElement()
				.satisfies((lock) -> assertThat(lock.holders()).singleElement()
					.satisfies((holder) -> assertThat(holder.holdCount()).isOne()));
		}
		assertThat(registeredEntries(manager)).isZero();
	}

	@Test
	void closeIsIdempotent() throws Exception {
		DefaultLockManager manager = manager();
		LockHandle outer = manager.acquire("job");
		LockHandle inner = manager.acquire("job");
		inner.close();
		inner.close();
		assertThatNoException().isThrownBy(inner::close);
		assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isFalse();
		outer.close();
		outer.close();
		assertThat(manager.activeCount()).isZero();
		assertThat(registeredEntries(manager)).isZero();
	}

	@Test
	void closingOneThreadsHandleNeverReleasesAnothers() throws Exception {
		DefaultLockManager manager = manager();
		LockHandle mine = manager.acquire("job", LockMode.SHARED);
		LockHandle theirs = runInThread(() -> manager.acquire("job", LockMode.SHARED));
		mine.close();
		mine.close();
		assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isFalse();
		assertThat(manager.snapshot()).singleElement()
			.satisfies((lock) -> assertThat(lock.holders()).singleElement()
				.satisfies((holder) -> assertThat(holder.thread()).isNotEqualTo(Thread.currentThread().getName())));
		theirs.close();
		assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isTrue();
	}

	// ---- threads ----

	@Test
	void sharedHoldersOverlapAcrossThreadsAndProcesses() throws Exception {
		DefaultLockManager manager = manager();
		int readers = 4;
		CyclicBarrier allHolding = new CyclicBarrier(readers + 1);
		CountDownLatch done = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(readers);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < readers; i++) {
				futures.add(executor.submit(() -> {
					try (LockHandle handle = manager.acquire("data", LockMode.SHARED, Duration.ofSeconds(30))) {
						allHolding.await(30, TimeUnit.SECONDS);
						done.await(30, TimeUnit.SECONDS);
					}
					return null;
				}));
			}
			allHolding.await(30, TimeUnit.SECONDS);
			assertThat(foreign().canLock("data", LockMode.SHARED)).isTrue();
			assertThat(foreign().canLock("data", LockMode.EXCLUSIVE)).isFalse();
			assertThat(manager.activeCount()).isOne();
			done.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(registeredEntries(manager)).isZero();
	}

	@Test
	void mixedSharedAndExclusiveThreadsNeverSeeAWriterWithCompany() throws Exception {
		DefaultLockManager manager = manager();
		int threads = 8;
		int iterations = 300;
		AtomicInteger readers = new AtomicInteger();
		AtomicInteger writers = new AtomicInteger();
		AtomicInteger maxReaders = new AtomicInteger();
		AtomicInteger exclusiveSections = new AtomicInteger();
		List<String> violations = new CopyOnWriteArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < iterations; i++) {
						boolean write = ThreadLocalRandom.current().nextInt(4) == 0;
						LockMode mode = write ? LockMode.EXCLUSIVE : LockMode.SHARED;
						try (LockHandle handle = manager.acquire("data", mode, Duration.ofSeconds(60))) {
							if (write) {
								int w = writers.incrementAndGet();
								if (w != 1 || readers.get() != 0) {
									violations.add("writer with " + w + " writers and " + readers.get() + " readers");
								}
								exclusiveSections.incrementAndGet();
								Thread.yield();
								writers.decrementAndGet();
							}
							else {
								int r = readers.incrementAndGet();
								maxReaders.accumulateAndGet(r, Math::max);
								if (writers.get() != 0) {
									violations.add("reader with a writer");
								}
								Thread.yield();
								readers.decrementAndGet();
							}
						}
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(100, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(violations).isEmpty();
		assertThat(exclusiveSections.get()).isPositive();
		assertThat(manager.activeCount()).isZero();
		assertThat(manager.pendingCount()).isZero();
		assertThat(registeredEntries(manager)).isZero();
	}

	@Test
	void threadsWaitingInsideTheJvmAreWokenOnReleaseWithoutPolling() throws Exception {
		AtomicInteger sleeps = new AtomicInteger();
		DefaultLockManager manager = manager(Ticker.SYSTEM, (nanos) -> {
			sleeps.incrementAndGet();
			Sleeper.SYSTEM.sleep(nanos);
		});
		LockHandle held = manager.acquire("job");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<LockHandle> waiter = executor.submit(() -> manager.acquire("job", LockMode.EXCLUSIVE,
					Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> waitingThreads(manager) == 1);
			held.close();
			LockHandle handedOver = waiter.get(30, TimeUnit.SECONDS);
			assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isFalse();
			handedOver.close();
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(sleeps.get()).isZero();
	}

	@Test
	void interruptingAThreadWaitingInsideTheJvmEndsItsWait() throws Exception {
		DefaultLockManager manager = manager();
		try (LockHandle held = manager.acquire("job")) {
			Interrupted result = interruptWhileWaiting(manager);
			assertThat(result.failure()).isInstanceOf(LockInterruptedException.class)
				.hasMessageContaining("'job'");
			assertThat(result.flagKept()).isTrue();
			assertThat(manager.snapshot()).singleElement().satisfies((lock) -> {
				assertThat(lock.waiting()).isEmpty();
				assertThat(lock.holders()).singleElement()
					.satisfies((holder) -> assertThat(holder.thread()).isEqualTo(Thread.currentThread().getName()));
			});
		}
		assertThat(registeredEntries(manager)).isZero();
		assertThat(foreign().canLock("job", LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void interruptingAThreadWaitingForAnotherProcessEndsItsWait() throws Exception {
		DefaultLockManager manager = manager();
		try (ForeignLockHolder.Hold hold = foreign().hold("job")) {
			Interrupted result = interruptWhileWaiting(manager);
			assertThat(result.failure()).isInstanceOf(LockInterruptedException.class);
			assertThat(result.flagKept()).isTrue();
			assertThat(manager.activeCount()).isZero();
			assertThat(registeredEntries(manager)).isZero();
		}
		Optional<LockHandle> after = manager.tryAcquire("job", LockMode.EXCLUSIVE);
		assertThat(after).isPresent();
		after.get().close();
	}

	@Test
	void interruptingAReaderOfTheHolderNeverDropsTheLock() throws Exception {
		DefaultLockManager manager = manager();
		try (LockHandle held = manager.acquire("job")) {
			AtomicInteger failures = new AtomicInteger();
			AtomicReference<Throwable> firstFailure = new AtomicReference<>();
			Thread reader = new Thread(() -> {
				for (int i = 0; i < 1000; i++) {
					try {
						manager.holders("job");
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
						firstFailure.compareAndSet(null, ex);
					}
					Thread.interrupted();
				}
			}, "holder-reader");
			reader.start();
			while (reader.isAlive()) {
				reader.interrupt();
				Thread.onSpinWait();
			}
			assertThat(firstFailure.get()).isNull();
			assertThat(failures.get()).isZero();
			assertThat(foreign().canLock("job", LockMode.SHARED)).isFalse();
			assertThat(manager.holders("job"))
				.hasValueSatisfying((holder) -> assertHeldBy(holder, ProcessHandle.current().pid()));
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsWaitWithoutPinningTheirCarriers() throws Exception {
		DefaultLockManager manager = manager();
		int waiters = 4 * Runtime.getRuntime().availableProcessors() + 8;
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		CountDownLatch waitersQueued = new CountDownLatch(1);
		ExecutorService virtualThreads = newVirtualThreadPerTaskExecutor();
		try {
			Future<?> holder = virtualThreads.submit(() -> {
				try (LockHandle handle = manager.acquire("job")) {
					// parks while holding: only possible if the waiters left it a carrier
					waitersQueued.await(60, TimeUnit.SECONDS);
				}
				return null;
			});
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.activeCount() == 1);
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < waiters; i++) {
				futures.add(virtualThreads.submit(() -> {
					try (LockHandle handle = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(60))) {
						assertThat(inside.incrementAndGet()).isOne();
						Thread.yield();
						inside.decrementAndGet();
						completed.incrementAndGet();
					}
					return null;
				}));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.pendingCount() == waiters);
			waitersQueued.countDown();
			holder.get(60, TimeUnit.SECONDS);
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			virtualThreads.shutdownNow();
		}
		assertThat(completed.get()).isEqualTo(waiters);
		assertThat(registeredEntries(manager)).isZero();
	}

	// ---- other processes ----

	@Test
	void threeProcessesCountExactlyUnderTheLock() throws Exception {
		int processes = 3;
		int increments = 200;
		assertThat(countUnderLock(processes, increments)).isEqualTo(processes * increments);
	}

	@Test
	void aHolderKilledWithSigkillIsQuotedThenLosesTheLockToAWaiter() throws Exception {
		DefaultLockManager manager = manager();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (ChildJvm holder = startHolder("job")) {
			holder.expect("locked", CHILD_TIMEOUT);
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(300)))
				.withMessageContaining("pid " + holder.pid())
				.withMessageContaining("host \"" + HostName.local() + "\"")
				.withMessageContaining("app \"lock-test-holder\"")
				.satisfies((timeout) -> assertNamesHolder(timeout, holder));
			Future<LockHandle> waiter = executor.submit(() -> manager.acquire("job", LockMode.EXCLUSIVE,
					Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.pendingCount() == 1);
			assertThat(waiter).isNotDone();
			holder.kill9();
			assertThat(holder.process().exitValue()).isEqualTo(128 + 9);
			try (LockHandle handle = waiter.get(60, TimeUnit.SECONDS)) {
				assertThat(manager.holders("job"))
					.hasValueSatisfying((holders) -> assertHeldBy(holders, ProcessHandle.current().pid()));
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	// ---- helpers ----

	protected record Interrupted(Throwable failure, boolean flagKept) {
	}

	protected static Interrupted interruptWhileWaiting(DefaultLockManager manager) throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> flagKept = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(60)).close();
				failure.set(new AssertionError("acquired although it should have been interrupted"));
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
			flagKept.set(Thread.currentThread().isInterrupted());
		}, "interrupted-waiter");
		waiter.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> waitingThreads(manager) == 1);
		waiter.interrupt();
		waiter.join(30_000);
		assertThat(waiter.isAlive()).as("waiter still waiting after interrupt").isFalse();
		return new Interrupted(failure.get(), flagKept.get());
	}

	protected static int waitingThreads(DefaultLockManager manager) {
		return manager.snapshot().stream().mapToInt((lock) -> lock.waiting().size()).sum();
	}

	/**
	 * Locks the manager keeps an entry for: those held or waited for.
	 */
	protected static int registeredEntries(DefaultLockManager manager) {
		return manager.snapshot().size();
	}

	protected static <T> T runInThread(Callable<T> action) throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			return executor.submit(action).get(30, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdown();
		}
	}

	public static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

}
