package io.filelock.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockRequest;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.file.LockTestProcess;
import io.filelock.spi.LockListener;
import io.filelock.spi.LockListener.AcquireEvent;
import io.filelock.spi.LockListener.Outcome;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Holds taken by {@link LockRequest#detached() detached} requests: they exclude other
 * processes and threads as a thread's hold does, any thread may release them, and no one
 * re-enters them. Other processes are real: {@code flock(1)} for the default strategy, a
 * JVM locking with {@code FileChannel} for FCNTL.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class DetachedHoldsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	/**
	 * The other threads: threads of their own, as the common pool may have a single one
	 * on a small machine, which a waiting task would keep from the others.
	 */
	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	private DefaultLockManager manager(LockStrategy strategy) {
		return (DefaultLockManager) LockManager.builder().directory(this.directory).strategy(strategy).build();
	}

	private static LockRequest detached(String name, LockMode mode) {
		return LockRequest.of(name).withMode(mode).withDetached(true);
	}

	@Test
	void aDetachedHoldExcludesAnotherProcessUntilAnotherThreadReleasesIt() throws Exception {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		LockHandle handle = manager.acquire(detached("job", LockMode.EXCLUSIVE));
		assertThat(FlockProcess.canLock(handle.path(), LockMode.SHARED)).isFalse();
		runOnAnotherThread(handle::close);
		assertThat(FlockProcess.canLock(handle.path(), LockMode.EXCLUSIVE)).isTrue();
		assertThat(manager.activeCount()).isZero();
		assertThat(manager.registeredEntries()).isZero();
	}

	@Test
	void aDetachedFcntlHoldExcludesAnotherProcessUntilAnotherThreadReleasesIt() throws Exception {
		DefaultLockManager manager = manager(LockStrategy.FCNTL);
		try (ChildJvm probe = ChildJvm.start(LockTestProcess.class, "probe")) {
			LockHandle handle = manager.acquire(detached("job", LockMode.EXCLUSIVE));
			probe.send("try SHARED " + handle.path());
			assertThat(probe.nextLine(PATIENCE)).isEqualTo("busy");
			runOnAnotherThread(handle::close);
			probe.send("try EXCLUSIVE " + handle.path());
			assertThat(probe.nextLine(PATIENCE)).isEqualTo("free");
		}
		assertThat(manager.activeCount()).isZero();
	}

	@Test
	void theThreadThatTookADetachedHoldWaitsForItLikeAnyOtherThread() throws Exception {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		LockHandle detached = manager.acquire(detached("job", LockMode.EXCLUSIVE));
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(100)))
			.withMessageContaining(Thread.currentThread().getName() + " (detached)");
		runOnAnotherThread(detached::close);
		try (LockHandle mine = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO)) {
			assertThat(FlockProcess.canLock(mine.path(), LockMode.EXCLUSIVE)).isFalse();
		}
	}

	@Test
	void twoDetachedRequestsOfOneThreadAreTwoHoldersThatExcludeEachOther() {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		LockHandle first = manager.acquire(detached("job", LockMode.EXCLUSIVE));
		assertThat(manager.tryAcquire(detached("job", LockMode.EXCLUSIVE).withTimeout(Duration.ZERO))).isEmpty();
		first.close();
		Optional<LockHandle> second = manager
			.tryAcquire(detached("job", LockMode.EXCLUSIVE).withTimeout(Duration.ZERO));
		assertThat(second).isPresent();
		second.get().close();
	}

	@Test
	void detachedSharedHoldsShareTheLockWithThreadsAndOtherProcesses() throws Exception {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		LockHandle first = manager.acquire(detached("report", LockMode.SHARED));
		LockHandle second = manager.acquire(detached("report", LockMode.SHARED));
		LockHandle threads = getOnAnotherThread(() -> manager.acquire("report", LockMode.SHARED));
		assertThat(FlockProcess.canLock(first.path(), LockMode.SHARED)).isTrue();
		assertThat(FlockProcess.canLock(first.path(), LockMode.EXCLUSIVE)).isFalse();
		assertThat(manager.snapshot()).singleElement()
			.satisfies((lock) -> assertThat(lock.holders()).hasSize(3));
		runOnAnotherThread(first::close);
		threads.close();
		assertThat(FlockProcess.canLock(second.path(), LockMode.EXCLUSIVE)).isFalse();
		runOnAnotherThread(second::close);
		assertThat(FlockProcess.canLock(second.path(), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void aThreadHoldingTheLockSharedWaitsForADetachedExclusiveRequestRatherThanUpgrading() {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		try (LockHandle shared = manager.acquire("report", LockMode.SHARED)) {
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(
					() -> manager.acquire(detached("report", LockMode.EXCLUSIVE).withTimeout(Duration.ofMillis(100))));
		}
	}

	@Test
	void releasingADetachedHoldHandsTheLockToAWaitingThread() throws Exception {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		LockHandle detached = manager.acquire(detached("job", LockMode.EXCLUSIVE));
		CompletableFuture<LockHandle> waiter = CompletableFuture
			.supplyAsync(() -> manager.acquire("job", LockMode.EXCLUSIVE, PATIENCE), this.threads);
		await().atMost(PATIENCE)
			.until(() -> manager.snapshot().stream().anyMatch((lock) -> !lock.waiting().isEmpty()));
		runOnAnotherThread(detached::close);
		LockHandle handedOver = waiter.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		assertThat(FlockProcess.canLock(handedOver.path(), LockMode.SHARED)).isFalse();
		runOnAnotherThread(handedOver::close);
		assertThat(FlockProcess.canLock(handedOver.path(), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void aDetachedHandleClosedByTwoThreadsAtOnceIsReleasedOnce() throws Exception {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		List<String> released = new CopyOnWriteArrayList<>();
		manager.addListener(new LockListener() {

			@Override
			public void released(String lock, LockMode mode, Duration held) {
				released.add(lock);
			}

		});
		try (LockHandle other = manager.acquire(detached("job", LockMode.SHARED))) {
			LockHandle handle = manager.acquire(detached("job", LockMode.SHARED));
			CyclicBarrier start = new CyclicBarrier(2);
			CompletableFuture<?> one = CompletableFuture.runAsync(() -> closeAfter(start, handle), this.threads);
			CompletableFuture<?> two = CompletableFuture.runAsync(() -> closeAfter(start, handle), this.threads);
			CompletableFuture.allOf(one, two).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(released).containsExactly("job");
			assertThat(FlockProcess.canLock(handle.path(), LockMode.EXCLUSIVE)).isFalse();
		}
		assertThat(FlockProcess.canLock(this.directory.resolve("job.lock"), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void listenersHearOfADetachedHoldAsOfAnyOtherAndOfItsReleaseOnTheReleasingThread() throws Exception {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		List<AcquireEvent> acquisitions = new CopyOnWriteArrayList<>();
		List<String> releases = new CopyOnWriteArrayList<>();
		manager.addListener(new LockListener() {

			@Override
			public void acquireFinished(AcquireEvent event) {
				acquisitions.add(event);
			}

			@Override
			public void released(String lock, LockMode mode, Duration held) {
				releases.add(lock + " " + mode + " on " + Thread.currentThread().getName());
			}

		});
		LockHandle handle = manager.acquire(detached("account-7", LockMode.EXCLUSIVE).withMetricName("account-#{#id}"));
		assertThat(acquisitions).singleElement().satisfies((event) -> {
			assertThat(event.lock()).isEqualTo("account-#{#id}");
			assertThat(event.outcome()).isEqualTo(Outcome.ACQUIRED);
		});
		Thread releaser = new Thread(handle::close, "releaser");
		releaser.start();
		releaser.join(PATIENCE.toMillis());
		assertThat(releases).containsExactly("account-#{#id} EXCLUSIVE on releaser");
	}

	@Test
	void theSnapshotNamesADetachedHolderAfterTheThreadThatTookIt() {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		try (LockHandle handle = manager.acquire(detached("job", LockMode.EXCLUSIVE))) {
			assertThat(manager.snapshot()).singleElement()
				.satisfies((lock) -> assertThat(lock.holders()).singleElement()
					.satisfies((holder) -> assertThat(holder.thread())
						.isEqualTo(Thread.currentThread().getName() + " (detached)")));
		}
	}

	@Test
	void aDetachedRequestInterruptedWhileWaitingHoldsNothing() throws Exception {
		DefaultLockManager manager = manager(LockStrategy.FLOCK);
		Path file = this.directory.resolve("job.lock");
		try (FlockProcess holder = FlockProcess.hold(file)) {
			AtomicReference<Throwable> failure = new AtomicReference<>();
			CountDownLatch done = new CountDownLatch(1);
			Thread waiter = new Thread(() -> {
				try {
					manager.acquire(detached("job", LockMode.EXCLUSIVE).withTimeout(PATIENCE)).close();
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
				done.countDown();
			}, "detached-waiter");
			waiter.start();
			await().atMost(PATIENCE).until(() -> manager.pendingCount() == 1);
			waiter.interrupt();
			assertThat(done.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(failure.get()).isInstanceOf(LockInterruptedException.class);
			assertThat(manager.activeCount()).isZero();
		}
		assertThat(FlockProcess.canLock(file, LockMode.EXCLUSIVE)).isTrue();
	}

	private static void closeAfter(CyclicBarrier start, LockHandle handle) {
		try {
			start.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		handle.close();
	}

	private void runOnAnotherThread(Runnable action) throws Exception {
		CompletableFuture.runAsync(action, this.threads).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
	}

	private <T> T getOnAnotherThread(Supplier<T> action) throws Exception {
		return CompletableFuture.supplyAsync(action, this.threads).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
	}

}
