package io.filelock.engine.file;

import io.filelock.engine.Sleeper;
import io.filelock.engine.Ticker;
import io.filelock.engine.HostName;
import io.filelock.testsupport.Mount;
import io.filelock.testsupport.ForeignLocks;
import io.filelock.spi.LockHolders;
import io.filelock.engine.DefaultLockManager;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link LockStrategy} must do, run once per strategy by a subclass (after
 * ShedLock's {@code AbstractLockProviderIntegrationTest}). Other processes are real: the
 * subclass's {@link ForeignLocks} and child JVMs running {@link LockTestProcess}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
abstract class AbstractLockManagerContractTests {

	static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	Path directory;

	abstract LockStrategy strategy();

	/**
	 * Another process locking with the kind of lock the strategy must exclude.
	 */
	abstract ForeignLocks foreign();

	LockManagerBuilder builder() {
		return LockManager.builder().directory(this.directory).strategy(strategy());
	}

	DefaultLockManager manager() {
		return (DefaultLockManager) builder().build();
	}

	// ---- acquire, release, tryAcquire ----

	@Test
	void acquireHoldsTheFileUntilClose() throws Exception {
		DefaultLockManager manager = manager();
		assertThat(Managers.strategyOf(manager)).isEqualTo(strategy());
		Path file;
		try (LockHandle handle = manager.acquire("job")) {
			file = handle.path();
			assertThat(file).isEqualTo(this.directory.resolve("job.lock"));
			assertThat(handle.name()).isEqualTo("job");
			assertThat(handle.mode()).isEqualTo(LockMode.EXCLUSIVE);
			assertThat(handle.acquiredAt()).isNotNull();
			assertThat(manager.activeCount()).isOne();
			assertThat(foreign().canLock(file, LockMode.SHARED)).isFalse();
		}
		assertThat(manager.activeCount()).isZero();
		assertThat(Managers.registeredEntries(manager)).isZero();
		assertThat(file).exists();
		assertThat(foreign().canLock(file, LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void ownerRecordIsWrittenWhileHeldAndSaysNotHeldAfterRelease() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) builder().applicationName("billing").build();
		Path file;
		try (LockHandle handle = manager.acquire("job")) {
			file = handle.path();
			// read through the manager: opening the file elsewhere in this JVM and closing it
			// would drop the JVM's POSIX (FCNTL) locks on it
			assertThat(manager.holders("job")).hasValueSatisfying((holder) -> {
				assertThat(holder.recordState()).isEqualTo(LockHolders.RecordState.CURRENT);
				assertThat(holder.owner().pid()).isEqualTo(ProcessHandle.current().pid());
				assertThat(holder.owner().thread()).isEqualTo(Thread.currentThread().getName());
				assertThat(holder.owner().application()).isEqualTo("billing");
			});
		}
		// kept (overwritten in place by the next holder), and known to be the last holder's
		assertThat(Files.readString(file)).startsWith("pid=" + ProcessHandle.current().pid() + " ")
			.hasSize(OwnerRecordWriter.SIZE)
			.endsWith(" \n");
		assertThat(manager.holders("job")).hasValueSatisfying((holder) -> {
			assertThat(holder.recordState()).isEqualTo(LockHolders.RecordState.EARLIER_HOLDER);
			assertThat(holder.processes()).isEmpty();
			assertThat(holder.description()).startsWith("not held now (the owner record is the last holder's: pid ");
		});
	}

	@Test
	void ownerRecordIsNeverWrittenWithoutTheLock() throws Exception {
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("job.lock");
		Files.writeString(file, "left by someone else");
		try (ForeignLocks.Hold hold = foreign().hold(file)) {
			assertThat(manager.tryAcquire("job", LockMode.EXCLUSIVE)).isEmpty();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(100)));
			assertThat(Files.readString(file)).isEqualTo("left by someone else");
		}
	}

	@Test
	void tryAcquireIsEmptyAndAcquireTimesOutWhileAnotherProcessHolds() throws Exception {
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("job.lock");
		Files.createFile(file);
		try (ForeignLocks.Hold hold = foreign().hold(file)) {
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
				.withMessageContaining(file.toString())
				.withMessageContaining("EXCLUSIVE")
				.withMessageContaining("timeout 300 ms")
				.withMessageMatching("(?s)Timed out after \\d+ ms .*\\d+ attempt\\(s\\).*")
				.withMessageContaining("no owner record");
			assertThat(Managers.registeredEntries(manager)).isZero();
			assertThat(manager.pendingCount()).isZero();
		}
		try (LockHandle handle = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO)) {
			assertThat(foreign().canLock(file, LockMode.EXCLUSIVE)).isFalse();
		}
	}

	@Test
	void zeroTimeoutMakesExactlyOneAttempt() throws Exception {
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("job.lock");
		Files.createFile(file);
		try (ForeignLocks.Hold hold = foreign().hold(file)) {
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO))
				.satisfies((ex) -> assertThat(ex.attempts()).isOne());
		}
	}

	@Test
	void waitNeverExceedsTheTimeoutByMoreThanOneAttempt() throws Exception {
		Duration timeout = Duration.ofMillis(400);
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("job.lock");
		Files.createFile(file);
		try (ForeignLocks.Hold hold = foreign().hold(file)) {
			long start = System.nanoTime();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, timeout));
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			// one attempt is microseconds; the slack is for a loaded machine, not for a sleep
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
		assertThat(foreign().canLock(second.path(), LockMode.EXCLUSIVE)).isFalse();
		second.close();
		assertThat(foreign().canLock(second.path(), LockMode.EXCLUSIVE)).isTrue();
		assertThat(manager.activeCount()).isZero();
		assertThat(Managers.registeredEntries(manager)).isZero();
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
		assertThat(Managers.registeredEntries(manager)).isZero();
	}

	@Test
	void closeIsIdempotent() throws Exception {
		DefaultLockManager manager = manager();
		LockHandle outer = manager.acquire("job");
		LockHandle inner = manager.acquire("job");
		inner.close();
		inner.close();
		assertThatNoException().isThrownBy(inner::close);
		assertThat(foreign().canLock(outer.path(), LockMode.EXCLUSIVE)).isFalse();
		outer.close();
		outer.close();
		assertThat(manager.activeCount()).isZero();
		assertThat(Managers.registeredEntries(manager)).isZero();
	}

	@Test
	void closingOneThreadsHandleNeverReleasesAnothers() throws Exception {
		DefaultLockManager manager = manager();
		LockHandle mine = manager.acquire("job", LockMode.SHARED);
		LockHandle theirs = runInThread(() -> manager.acquire("job", LockMode.SHARED));
		mine.close();
		mine.close();
		assertThat(foreign().canLock(theirs.path(), LockMode.EXCLUSIVE)).isFalse();
		assertThat(manager.snapshot()).singleElement()
			.satisfies((lock) -> assertThat(lock.holders()).singleElement()
				.satisfies((holder) -> assertThat(holder.thread()).isNotEqualTo(Thread.currentThread().getName())));
		theirs.close();
		assertThat(foreign().canLock(theirs.path(), LockMode.EXCLUSIVE)).isTrue();
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
			Path file = manager.resource("data").file();
			assertThat(foreign().canLock(file, LockMode.SHARED)).isTrue();
			assertThat(foreign().canLock(file, LockMode.EXCLUSIVE)).isFalse();
			assertThat(manager.activeCount()).isOne();
			done.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(Managers.registeredEntries(manager)).isZero();
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
		List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
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
		assertThat(Managers.registeredEntries(manager)).isZero();
	}

	@Test
	void threadsWaitingInsideTheJvmAreWokenOnReleaseWithoutPolling() throws Exception {
		AtomicInteger sleeps = new AtomicInteger();
		DefaultLockManager manager = Managers.build(builder(), Ticker.SYSTEM, (nanos) -> {
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
			assertThat(foreign().canLock(handedOver.path(), LockMode.EXCLUSIVE)).isFalse();
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
		assertThat(Managers.registeredEntries(manager)).isZero();
		assertThat(foreign().canLock(manager.resource("job").file(), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void interruptingAThreadWaitingForAnotherProcessEndsItsWait() throws Exception {
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("job.lock");
		Files.createFile(file);
		try (ForeignLocks.Hold hold = foreign().hold(file)) {
			Interrupted result = interruptWhileWaiting(manager);
			assertThat(result.failure()).isInstanceOf(LockInterruptedException.class);
			assertThat(result.flagKept()).isTrue();
			assertThat(manager.activeCount()).isZero();
			assertThat(Managers.registeredEntries(manager)).isZero();
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
			assertThat(foreign().canLock(held.path(), LockMode.SHARED)).isFalse();
			assertThat(manager.holders("job")).hasValueSatisfying(
					(holder) -> assertThat(holder.recordState()).isEqualTo(LockHolders.RecordState.CURRENT));
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
		assertThat(Managers.registeredEntries(manager)).isZero();
	}

	// ---- other processes ----

	@Test
	void threeProcessesCountExactlyUnderTheLock() throws Exception {
		int processes = 3;
		int increments = 200;
		assertThat(CounterRun.run(this.directory, strategy().name(), processes, increments))
			.isEqualTo(processes * increments);
	}

	@Test
	void aHolderKilledWithSigkillIsQuotedThenLosesTheLockToAWaiter() throws Exception {
		DefaultLockManager manager = manager();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (ChildJvm holder = ChildJvm.start("hold", this.directory.toString(), "job", strategy().name())) {
			holder.expect("locked", CHILD_TIMEOUT);
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(300)))
				.withMessageContaining("held by pid " + holder.pid())
				.withMessageContaining("host \"" + HostName.local() + "\"")
				.withMessageContaining("thread \"main\"")
				.withMessageContaining("app \"lock-test-holder\"");
			Future<LockHandle> waiter = executor.submit(() -> manager.acquire("job", LockMode.EXCLUSIVE,
					Duration.ofSeconds(60)));
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.pendingCount() == 1);
			assertThat(waiter).isNotDone();
			holder.kill9();
			assertThat(holder.process().exitValue()).isEqualTo(128 + 9);
			try (LockHandle handle = waiter.get(60, TimeUnit.SECONDS)) {
				assertThat(manager.holders("job")).hasValueSatisfying((owner) -> assertThat(owner.owner().pid())
					.isEqualTo(ProcessHandle.current().pid()));
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void anOwnerRecordLeftByACrashNeverBlocksAndIsReportedStale() throws Exception {
		DefaultLockManager manager = manager();
		long crashedPid;
		try (ChildJvm holder = ChildJvm.start("hold", this.directory.toString(), "job", strategy().name())) {
			holder.expect("locked", CHILD_TIMEOUT);
			crashedPid = holder.pid();
			holder.kill9();
		}
		Path file = manager.resource("job").file();
		assertThat(Files.readString(file)).startsWith("pid=" + crashedPid + " ");
		assertThat(manager.holders("job")).hasValueSatisfying((holder) -> {
			assertThat(holder.recordState()).isEqualTo(LockHolders.RecordState.STALE);
			assertThat(holder.owner().pid()).isEqualTo(crashedPid);
		});
		try (ForeignLocks.Hold hold = foreign().hold(file)) {
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(100)))
				.withMessageContaining("stale owner record (pid " + crashedPid + " is not alive");
		}
		Optional<LockHandle> handle = manager.tryAcquire("job", LockMode.EXCLUSIVE);
		assertThat(handle).isPresent();
		handle.get().close();
	}

	// ---- one file, one lock ----

	@Test
	void aLockFileReplacedRightAfterItWasOpenedIsNotTheFileLocked() throws Exception {
		FaultyStrategy replacing = new FaultyStrategy(LockFileStrategy.select(strategy()));
		replacing.replacementsAfterOpen.set(1);
		DefaultLockManager manager = Managers.build(builder(), replacing);
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(replacing.replacementsAfterOpen).as("the file was replaced after the open").hasValue(0);
			assertThat(foreign().canLock(handle.path(), LockMode.SHARED))
				.as("another process locking the file the path names now")
				.isFalse();
		}
		assertThat(foreign().canLock(this.directory.resolve("job.lock"), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void anotherManagerOfTheJvmClosingItsFilesKeepsThisOnesLock() throws Exception {
		DefaultLockManager holding = manager();
		DefaultLockManager looking = manager();
		try (LockHandle handle = holding.acquire("job")) {
			// the endpoint's read-only look at the holder opens the file in the other manager
			assertThat(looking.holders("job")).isPresent();
			looking.close();
			assertThat(foreign().canLock(handle.path(), LockMode.SHARED)).isFalse();
			assertThat(looking.tryAcquire("job", LockMode.SHARED)).as("held by the other manager").isEmpty();
		}
		assertThat(foreign().canLock(this.directory.resolve("job.lock"), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void aFileReachedThroughASymlinkedDirectoryAndItsRealPathIsOneLock() throws Exception {
		Path real = Files.createDirectory(this.directory.resolve("real"));
		Path alias = Files.createSymbolicLink(this.directory.resolve("alias"), real);
		Path file = real.resolve("job.lock");
		DefaultLockManager manager = (DefaultLockManager) builder().directory(alias)
			.lock("backup", (policy) -> policy.withPath(file))
			.build();
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(manager.holders("backup")).isPresent();
			manager.close();
			assertThat(foreign().canLock(file, LockMode.SHARED)).isFalse();
			assertThat(runInThread(() -> manager.tryAcquire("backup", LockMode.EXCLUSIVE))).as("the same file")
				.isEmpty();
		}
		assertThat(foreign().canLock(file, LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void aFailedUnlockStillFreesTheLock() throws Exception {
		FaultyStrategy failing = new FaultyStrategy(LockFileStrategy.select(strategy()));
		DefaultLockManager manager = Managers.build(builder(), failing);
		LockHandle handle = manager.acquire("job");
		failing.unlockFailures.set(1);
		handle.close();
		assertThat(failing.unlockFailures).as("the unlock failed").hasValue(0);
		assertThat(foreign().canLock(handle.path(), LockMode.EXCLUSIVE)).isTrue();
		assertThat(manager.activeCount()).isZero();
		try (LockHandle again = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO)) {
			assertThat(foreign().canLock(again.path(), LockMode.SHARED)).isFalse();
		}
	}

	@Test
	void anOpenThatHangsKeepsNoOtherThreadPastItsTimeout() throws Exception {
		FaultyStrategy hanging = new FaultyStrategy(LockFileStrategy.select(strategy()));
		DefaultLockManager manager = Managers.build(builder(), hanging);
		CountDownLatch serverBack = new CountDownLatch(1);
		hanging.openHangsUntil = serverBack;
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<LockHandle> stuck = threads.submit(() -> manager.acquire("job", LockMode.EXCLUSIVE,
					Duration.ofSeconds(60)));
			assertThat(hanging.openHanging.await(30, TimeUnit.SECONDS)).isTrue();
			Future<Throwable> other = threads
				.submit(() -> catchThrowable(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(200))));
			// a thread stuck in open(2), as on a dead NFS server, must not hold the others up
			assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("'job'");
			hanging.openHangsUntil = null;
			serverBack.countDown();
			stuck.get(30, TimeUnit.SECONDS).close();
		}
		finally {
			serverBack.countDown();
			threads.shutdownNow();
		}
	}

	// ---- errors are not timeouts ----

	@Test
	void lockDirectoryThatIsARegularFileIsAnError() throws Exception {
		Path notADirectory = Files.writeString(this.directory.resolve("plain"), "x");
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(notADirectory).strategy(strategy()).build();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(notADirectory.toString())
			.withMessageMatching("(?is).*not a directory.*");
		assertThatExceptionOfType(LockException.class)
			.isThrownBy(() -> manager.tryAcquire("job", LockMode.EXCLUSIVE))
			.isNotInstanceOf(LockTimeoutException.class);
		assertThat(Managers.registeredEntries(manager)).isZero();
		assertThat(manager.pendingCount()).isZero();
	}

	@Test
	void lockFileThatIsADirectoryIsAnError() throws Exception {
		Path file = Files.createDirectory(this.directory.resolve("job.lock"));
		DefaultLockManager manager = manager();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(file.toString())
			.withMessageMatching("(?is).*is a directory.*");
		assertThat(Managers.registeredEntries(manager)).isZero();
	}

	@Test
	void lockFileThatIsASymbolicLinkIsNeverFollowed() throws Exception {
		Path target = Files.writeString(this.directory.resolve("precious.txt"), "precious");
		Path link = Files.createSymbolicLink(this.directory.resolve("job.lock"), target);
		Path dangling = Files.createSymbolicLink(this.directory.resolve("other.lock"),
				this.directory.resolve("created-through-link.txt"));
		DefaultLockManager manager = manager();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(link.toString())
			.withMessageMatching("(?is).*symbolic link.*");
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("other"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(dangling.toString());
		assertThat(Files.readString(target)).isEqualTo("precious");
		assertThat(this.directory.resolve("created-through-link.txt")).doesNotExist();
		assertThat(foreign().canLock(target, LockMode.EXCLUSIVE)).isTrue();
		assertThat(Managers.registeredEntries(manager)).isZero();
	}

	@Test
	void readOnlyFileSystemIsAnError() throws Exception {
		Path mountPoint = Files.createDirectory(this.directory.resolve("read-only"));
		try (Mount mount = Mount.readOnlyTmpfs(mountPoint)) {
			DefaultLockManager inMountPoint = (DefaultLockManager) LockManager.builder().directory(mountPoint).strategy(strategy()).build();
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> inMountPoint.acquire("job"))
				.isNotInstanceOf(LockTimeoutException.class)
				.withMessageContaining(mountPoint.resolve("job.lock").toString())
				.withMessageMatching("(?is).*read-only file system.*");
			Path below = mountPoint.resolve("locks");
			DefaultLockManager belowMountPoint = (DefaultLockManager) LockManager.builder().directory(below).strategy(strategy()).build();
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> belowMountPoint.acquire("job"))
				.isNotInstanceOf(LockTimeoutException.class)
				.withMessageContaining(below.toString())
				.withMessageMatching("(?is).*read-only file system.*");
			assertThat(Managers.registeredEntries(inMountPoint)).isZero();
			assertThat(Managers.registeredEntries(belowMountPoint)).isZero();
		}
	}

	@Test
	void explicitPathInAMissingDirectoryIsAnError() {
		Path missing = this.directory.resolve("missing").resolve("job.lock");
		DefaultLockManager manager = (DefaultLockManager) builder().lock("job", (policy) -> policy.withPath(missing)).build();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(missing.toString())
			.withMessageMatching("(?is).*no such file or directory.*");
		assertThat(missing.getParent()).doesNotExist();
	}

	@Test
	void lockDirectoryDeletedWhileRunningIsCreatedAgain() throws Exception {
		Path locks = this.directory.resolve("nested").resolve("locks");
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(locks).strategy(strategy()).build();
		manager.acquire("job").close();
		deleteRecursively(this.directory.resolve("nested"));
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(handle.path()).isEqualTo(locks.resolve("job.lock")).exists();
		}
	}

	// ---- resources ----

	@Test
	void manyCyclesOverManyNamesLeakNoDescriptorsAndNoEntries() throws Exception {
		DefaultLockManager manager = manager();
		manager.acquire("warm-up").close();
		long baseline = openDescriptors();
		int names = 10_000;
		for (int i = 0; i < 100_000; i++) {
			String name = "n" + (i % names);
			// every fourth EXCLUSIVE, so that owner records are written and cleared too
			try (LockHandle handle = manager.acquire(name, (i % 4 == 0) ? LockMode.EXCLUSIVE : LockMode.SHARED,
					Duration.ZERO)) {
				// held and released
			}
		}
		assertThat(openDescriptors()).isLessThanOrEqualTo(baseline + 5);
		assertThat(Managers.registeredEntries(manager)).isZero();
		assertThat(manager.activeCount()).isZero();
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.count()).isEqualTo(names + 1);
		}
	}

	@Test
	void failedAcquisitionsLeakNoDescriptorsAndNoEntries() throws Exception {
		DefaultLockManager manager = manager();
		Files.createDirectory(this.directory.resolve("directory.lock"));
		Files.createSymbolicLink(this.directory.resolve("link.lock"), this.directory.resolve("target"));
		Path busy = Files.createFile(this.directory.resolve("busy.lock"));
		try (ForeignLocks.Hold hold = foreign().hold(busy)) {
			long baseline = openDescriptors();
			for (int i = 0; i < 200; i++) {
				assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("directory"));
				assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("link"));
				assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> manager.acquire("busy", LockMode.EXCLUSIVE, Duration.ZERO));
				assertThat(manager.tryAcquire("busy", LockMode.SHARED)).isEmpty();
			}
			assertThat(openDescriptors()).isLessThanOrEqualTo(baseline + 5);
			assertThat(Managers.registeredEntries(manager)).isZero();
			assertThat(manager.pendingCount()).isZero();
			assertThat(manager.activeCount()).isZero();
		}
	}

	// ---- helpers ----

	record Interrupted(Throwable failure, boolean flagKept) {
	}

	static Interrupted interruptWhileWaiting(DefaultLockManager manager) throws InterruptedException {
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

	static int waitingThreads(DefaultLockManager manager) {
		return manager.snapshot().stream().mapToInt((lock) -> lock.waiting().size()).sum();
	}

	static <T> T runInThread(java.util.concurrent.Callable<T> action) throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			return executor.submit(action).get(30, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdown();
		}
	}

	static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	static long openDescriptors() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

	static void deleteRecursively(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
