package io.filelock.integration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.engine.DefaultLockManager;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The {@link Lock}s of a {@link FileLockRegistry}, against another process:
 * {@code flock(1)} holds and probes the lock file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class FileLockRegistryTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private DefaultLockManager manager;

	private FileLockRegistry registry() {
		this.manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		return new FileLockRegistry(this.manager);
	}

	private boolean freeForAnotherProcess(String key) throws Exception {
		return FlockProcess.canLock(this.directory.resolve(key + ".lock"), LockMode.EXCLUSIVE);
	}

	@Test
	void aLockExcludesAnotherProcessUntilItIsUnlocked() throws Exception {
		Lock lock = registry().obtain("leader");
		lock.lock();
		assertThat(FlockProcess.canLock(this.directory.resolve("leader.lock"), LockMode.SHARED)).isFalse();
		lock.unlock();
		assertThat(freeForAnotherProcess("leader")).isTrue();
	}

	@Test
	void locksAreReentrantPerThreadAndTheLastUnlockReleases() throws Exception {
		Lock lock = registry().obtain("leader");
		lock.lock();
		assertThat(lock.tryLock()).isTrue();
		assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
		lock.unlock();
		lock.unlock();
		assertThat(freeForAnotherProcess("leader")).isFalse();
		lock.unlock();
		assertThat(freeForAnotherProcess("leader")).isTrue();
	}

	@Test
	void everyLockObtainedForAKeyIsTheSameLock() throws Exception {
		FileLockRegistry registry = registry();
		registry.obtain("leader").lock();
		assertThat(CompletableFuture.supplyAsync(() -> registry.obtain("leader").tryLock()))
			.succeedsWithin(PATIENCE)
			.isEqualTo(false);
		registry.obtain("leader").unlock();
		assertThat(freeForAnotherProcess("leader")).isTrue();
	}

	@Test
	void onlyTheHoldingThreadMayUnlock() throws Exception {
		Lock lock = registry().obtain("leader");
		lock.lock();
		assertThat(CompletableFuture.runAsync(lock::unlock)).failsWithin(PATIENCE)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IllegalMonitorStateException.class)
			.withMessageContaining("Cannot unlock file lock 'leader'")
			.withMessageContaining("does not hold it");
		assertThat(freeForAnotherProcess("leader")).isFalse();
		lock.unlock();
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
	}

	@Test
	void tryLockAnswersAtOnceWhileAnotherProcessHoldsTheLock() throws Exception {
		Lock lock = registry().obtain("leader");
		try (FlockProcess holder = FlockProcess.hold(this.directory.resolve("leader.lock"))) {
			assertThat(lock.tryLock()).isFalse();
			assertThat(lock.tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
			assertThat(lock.tryLock(-1, TimeUnit.SECONDS)).isFalse();
		}
		assertThat(lock.tryLock()).isTrue();
		lock.unlock();
	}

	@Test
	void tryLockWithATimeoutTakesTheLockWhenAnotherProcessReleasesIt() throws Exception {
		Lock lock = registry().obtain("leader");
		FlockProcess holder = FlockProcess.hold(this.directory.resolve("leader.lock"));
		try {
			CompletableFuture<?> release = CompletableFuture.runAsync(() -> {
				await().atMost(PATIENCE).until(() -> this.manager.pendingCount() == 1);
				close(holder);
			});
			assertThat(lock.tryLock(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
			release.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(freeForAnotherProcess("leader")).isFalse();
			lock.unlock();
		}
		finally {
			holder.close();
		}
	}

	@Test
	void anInterruptEndsTheTimedAndTheInterruptibleWaitsWithTheFlagCleared() throws Exception {
		Lock lock = registry().obtain("leader");
		try (FlockProcess holder = FlockProcess.hold(this.directory.resolve("leader.lock"))) {
			assertThat(interruptWhileWaiting(() -> lock.tryLock(PATIENCE.toSeconds(), TimeUnit.SECONDS)))
				.isEqualTo("InterruptedException, interrupted=false");
			assertThat(interruptWhileWaiting(() -> {
				lock.lockInterruptibly();
				return true;
			})).isEqualTo("InterruptedException, interrupted=false");
		}
		assertThat(this.manager.activeCount()).isZero();
	}

	@Test
	void lockWaitsThroughAnInterruptAndKeepsTheFlag() throws Exception {
		Lock lock = registry().obtain("leader");
		AtomicBoolean interruptedWhenLocked = new AtomicBoolean();
		FlockProcess holder = FlockProcess.hold(this.directory.resolve("leader.lock"));
		try {
			Thread waiter = new Thread(() -> {
				lock.lock();
				interruptedWhenLocked.set(Thread.currentThread().isInterrupted());
				lock.unlock();
			}, "uninterruptible");
			waiter.start();
			await().atMost(PATIENCE).until(() -> this.manager.pendingCount() == 1);
			waiter.interrupt();
			// had the interrupt ended lock(), the waiter would have died of it without the lock
			holder.close();
			waiter.join(PATIENCE.toMillis());
			assertThat(waiter.isAlive()).isFalse();
			assertThat(interruptedWhenLocked).isTrue();
		}
		finally {
			holder.close();
		}
	}

	@Test
	void executeLockedRunsTheTaskUnderTheLock() throws Exception {
		FileLockRegistry registry = registry();
		boolean freeInside = registry.executeLocked("leader", () -> freeForAnotherProcess("leader"));
		assertThat(freeInside).isFalse();
		assertThat(freeForAnotherProcess("leader")).isTrue();
	}

	@Test
	void conditionsAreRefusedWithTheReason() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> registry().obtain("leader").newCondition())
			.withMessage("File lock 'leader' of a FileLockRegistry has no conditions: "
					+ "the holders of other processes could not signal them");
	}

	@Test
	void keysThatAreNotStringsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> registry().obtain(42))
			.withMessage("Invalid lock key '42' (java.lang.Integer): FileLockRegistry keys must be Strings, "
					+ "the names of the file locks");
	}

	private String interruptWhileWaiting(InterruptibleAttempt attempt) throws Exception {
		AtomicReference<String> outcome = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				outcome.set("returned " + attempt.run());
			}
			catch (InterruptedException ex) {
				outcome.set("InterruptedException, interrupted=" + Thread.currentThread().isInterrupted());
			}
		}, "interruptible");
		waiter.start();
		await().atMost(PATIENCE).until(() -> this.manager.pendingCount() == 1);
		waiter.interrupt();
		waiter.join(PATIENCE.toMillis());
		return outcome.get();
	}

	private static void close(FlockProcess holder) {
		try {
			holder.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@FunctionalInterface
	private interface InterruptibleAttempt {

		boolean run() throws InterruptedException;

	}

}
