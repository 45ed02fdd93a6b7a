package io.filelock.shedlock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.engine.DefaultLockManager;
import io.filelock.spi.LockListener;
import io.filelock.testsupport.FlockProcess;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The {@link FileLockProvider} against another process: {@code flock(1)} holds and
 * probes the lock file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class FileLockProviderTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(10);

	@TempDir
	Path directory;

	private final List<String> releases = new CopyOnWriteArrayList<>();

	private DefaultLockManager manager;

	private FileLockProvider provider;

	private FileLockProvider provider() {
		this.manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		this.manager.addListener(new LockListener() {

			@Override
			public void released(String lock, LockMode mode, Duration held) {
				FileLockProviderTests.this.releases.add(lock + " on " + Thread.currentThread().getName());
			}

		});
		this.provider = new FileLockProvider(this.manager);
		return this.provider;
	}

	@AfterEach
	void closeProvider() {
		if (this.provider != null) {
			this.provider.close();
		}
	}

	private static LockConfiguration job(Duration lockAtMostFor, Duration lockAtLeastFor) {
		return new LockConfiguration(ClockProvider.now(), "report", lockAtMostFor, lockAtLeastFor);
	}

	private boolean freeForAnotherProcess() throws Exception {
		return FlockProcess.canLock(this.directory.resolve("report.lock"), LockMode.EXCLUSIVE);
	}

	@Test
	void aJobIsNotLockedWhileAnotherProcessHoldsItsLock() throws Exception {
		FileLockProvider provider = provider();
		try (FlockProcess holder = FlockProcess.hold(this.directory.resolve("report.lock"))) {
			assertThat(provider.lock(job(LOCK_AT_MOST_FOR, Duration.ZERO))).isEmpty();
		}
		Optional<SimpleLock> lock = provider.lock(job(LOCK_AT_MOST_FOR, Duration.ZERO));
		assertThat(lock).isPresent();
		assertThat(freeForAnotherProcess()).isFalse();
		lock.get().unlock();
		assertThat(freeForAnotherProcess()).isTrue();
	}

	@Test
	void aSecondAttemptOfThisJvmIsRefusedEvenOnTheSameThread() {
		FileLockProvider provider = provider();
		SimpleLock lock = provider.lock(job(LOCK_AT_MOST_FOR, Duration.ZERO)).orElseThrow();
		assertThat(provider.lock(job(LOCK_AT_MOST_FOR, Duration.ZERO))).isEmpty();
		lock.unlock();
		assertThat(provider.lock(job(LOCK_AT_MOST_FOR, Duration.ZERO))).isPresent();
	}

	@Test
	void aJobEndedBeforeLockAtLeastForKeepsTheLockUntilThenAndTheProviderReleasesIt() throws Exception {
		Duration lockAtLeastFor = Duration.ofMillis(500);
		FileLockProvider provider = provider();
		long start = System.nanoTime();
		SimpleLock lock = provider.lock(job(LOCK_AT_MOST_FOR, lockAtLeastFor)).orElseThrow();
		lock.unlock();
		assertThat(freeForAnotherProcess()).isFalse();
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(this::freeForAnotherProcess);
		// no earlier, give or take the wall clock's granularity: ShedLock gives the time as an Instant
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(lockAtLeastFor.minusMillis(5));
		assertThat(this.releases).containsExactly("report on file-lock-shedlock-release");
	}

	@Test
	void aJobEndedAfterLockAtLeastForIsReleasedAtOnceOnItsOwnThread() throws Exception {
		FileLockProvider provider = provider();
		provider.lock(job(LOCK_AT_MOST_FOR, Duration.ZERO)).orElseThrow().unlock();
		assertThat(this.releases).containsExactly("report on " + Thread.currentThread().getName());
		assertThat(freeForAnotherProcess()).isTrue();
	}

	@Test
	void lockAtMostForDoesNotEndTheLockOfARunningJob() throws Exception {
		FileLockProvider provider = provider();
		SimpleLock lock = provider.lock(job(Duration.ofMillis(50), Duration.ZERO)).orElseThrow();
		await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> !freeForAnotherProcess());
		lock.unlock();
		assertThat(freeForAnotherProcess()).isTrue();
	}

	@Test
	void aLockIsUnlockedOnce() {
		SimpleLock lock = provider().lock(job(LOCK_AT_MOST_FOR, Duration.ZERO)).orElseThrow();
		lock.unlock();
		assertThatIllegalStateException().isThrownBy(lock::unlock)
			.withMessage("ShedLock lock 'report' was unlocked or extended already; use the lock that extend returned");
		assertThat(this.releases).hasSize(1);
	}

	@Test
	void anExtendedLockIsHeldOnAndReleasedNoEarlierThanItsNewLockAtLeastFor() throws Exception {
		FileLockProvider provider = provider();
		SimpleLock lock = provider.lock(job(LOCK_AT_MOST_FOR, Duration.ZERO)).orElseThrow();
		SimpleLock extended = lock.extend(LOCK_AT_MOST_FOR, Duration.ofHours(1)).orElseThrow();
		assertThatIllegalStateException().isThrownBy(lock::unlock);
		assertThat(freeForAnotherProcess()).isFalse();
		extended.unlock();
		assertThat(freeForAnotherProcess()).isFalse();
		provider.close();
		assertThat(freeForAnotherProcess()).isTrue();
	}

	@Test
	void closingTheProviderReleasesTheLocksWaitingForTheirLockAtLeastFor() throws Exception {
		FileLockProvider provider = provider();
		provider.lock(job(Duration.ofHours(2), Duration.ofHours(1))).orElseThrow().unlock();
		assertThat(freeForAnotherProcess()).isFalse();
		provider.close();
		assertThat(freeForAnotherProcess()).isTrue();
		assertThat(this.releases).containsExactly("report on " + Thread.currentThread().getName());
	}

}
