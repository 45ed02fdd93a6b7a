package io.filelock.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread of the JVM that waits for a lock is overtaken by the other threads of the JVM
 * a bounded number of times, however fast they come back for it: it cannot wait past its
 * timeout while the lock keeps changing hands inside the JVM. Counted, not timed, so the
 * machine's speed does not matter.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedBypassTests {

	private static final int ROUNDS = 100;

	@TempDir
	Path directory;

	@Test
	void aWaitingThreadIsOvertakenAtMostABoundedNumberOfTimes() throws Exception {
		LockManager manager = LockManager.builder().directory(this.directory).build();
		Semaphore go = new Semaphore(0);
		Semaphore released = new Semaphore(0);
		AtomicBoolean admitted = new AtomicBoolean();
		// counted by the overtaking thread while it holds the lock, read by the waiter once it holds it
		AtomicInteger overtakes = new AtomicInteger();
		AtomicInteger overtakesSeen = new AtomicInteger();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				for (int round = 0; round < ROUNDS; round++) {
					go.acquire();
					try (LockHandle handle = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(30))) {
						overtakesSeen.set(overtakes.get());
						admitted.set(true);
					}
					released.release();
				}
			}
			catch (Throwable ex) {
				failure.set(ex);
				released.release(ROUNDS);
			}
		}, "bypassed-waiter");
		waiter.start();
		int mostOvertakes = 0;
		for (int round = 0; round < ROUNDS && failure.get() == null; round++) {
			LockHandle held = manager.acquire("job");
			admitted.set(false);
			overtakes.set(0);
			go.release();
			awaitWaiting(manager, "bypassed-waiter");
			held.close();
			while (!admitted.get()) {
				Optional<LockHandle> again = manager.tryAcquire("job", LockMode.EXCLUSIVE);
				if (again.isPresent()) {
					overtakes.incrementAndGet();
					again.get().close();
				}
			}
			mostOvertakes = Math.max(mostOvertakes, overtakesSeen.get());
			assertThat(released.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
		}
		waiter.join(30_000);
		assertThat(failure.get()).isNull();
		assertThat(mostOvertakes).as("times a waiting thread was overtaken in a round, at most")
			.isLessThanOrEqualTo(Line.BYPASS_LIMIT);
	}

	private static void awaitWaiting(LockManager manager, String thread) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (((DefaultLockManager) manager).snapshot()
			.stream()
			.noneMatch((lock) -> lock.waiting().contains(thread))) {
			assertThat(System.nanoTime() - deadline).as(thread + " waiting within 30 s").isNegative();
			Thread.onSpinWait();
		}
	}

}
