package io.filelock.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM that takes a lock straight back after releasing it keeps it for a turn of
 * {@link Turn#TURN_NANOS}; if other processes wait in the kernel then, its next
 * acquisition after a release waits {@link Turn#COURTESY_NANOS} first.
 */
@Timeout(60)
class TurnTests {

	private static final long TURN = Turn.TURN_NANOS;

	@TempDir
	Path directory;

	@Test
	void aTurnThatOthersWaitedForEndsWithACourtesyWait() throws Exception {
		LockEntry entry = new LockEntry(this.directory.resolve("job.lock"), true, "job");
		take(entry, 0, false);
		release(entry, 100);
		// taken straight back within the turn: no look at the waiters yet
		assertThat(take(entry, 200, true)).isFalse();
		release(entry, 300);
		// the turn has lasted long enough: the caller looks, and finds others waiting
		assertThat(take(entry, TURN, true)).isTrue();
		entry.othersWaiting();
		release(entry, TURN + 100);
		assertThat(entry.courtesyNanos(TURN + 150)).isEqualTo(Turn.COURTESY_NANOS - 50);
		assertThat(entry.courtesyNanos(TURN + 160)).as("once").isZero();
		// a new turn begins after the courtesy
		assertThat(take(entry, 2 * TURN, true)).isFalse();
		release(entry, 2 * TURN + 100);
		assertThat(take(entry, 3 * TURN, true)).isTrue();
		entry.close();
	}

	@Test
	void aTurnEndsWhenTheLockWasTakenAfterAWaitOrLongAfterTheRelease() throws Exception {
		LockEntry entry = new LockEntry(this.directory.resolve("job.lock"), true, "job");
		take(entry, 0, false);
		release(entry, 100);
		// after waiting for someone else, a turn begins anew
		assertThat(take(entry, TURN + 200, false)).isFalse();
		release(entry, TURN + 300);
		assertThat(take(entry, TURN + 400, true)).isFalse();
		release(entry, TURN + 500);
		// free for a whole turn since the release: not taken straight back
		assertThat(take(entry, 3 * TURN, true)).isFalse();
		release(entry, 3 * TURN + 100);
		assertThat(entry.courtesyNanos(3 * TURN + 200)).isZero();
		entry.close();
	}

	@Test
	void othersWaitingInTheKernelAreSeenInProcLocks() throws Exception {
		FlockCommand.assumeInstalled();
		FileLockManager manager = LockManager.builder().directory(this.directory).strategy(LockStrategy.FLOCK).build();
		Path file = manager.pathOf("job");
		long pid = ProcessHandle.current().pid();
		LockHandle held = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(5));
		Process flock;
		try {
			assertThat(ProcLocks.othersWaiting(file, pid)).as("nobody waits").isFalse();
			flock = new ProcessBuilder("flock", file.toString(), "true").start();
			await().atMost(Duration.ofSeconds(30)).until(() -> ProcLocks.othersWaiting(file, pid));
			assertThat(ProcLocks.othersWaiting(file, flock.pid())).as("waiting, seen from its own pid").isFalse();
		}
		finally {
			held.close();
		}
		assertThat(flock.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(flock.exitValue()).isZero();
		assertThat(ProcLocks.othersWaiting(file, pid)).isFalse();
	}

	/**
	 * Liveness with real time (here flock(1) also gets in without the courtesy, on some
	 * releases: the turn logic itself is tested above).
	 */
	@Test
	void aProcessWaitingInTheKernelGetsTheLockFromAThreadThatKeepsTakingItBack() throws Exception {
		FlockCommand.assumeInstalled();
		FileLockManager manager = LockManager.builder().directory(this.directory).strategy(LockStrategy.FLOCK).build();
		Path file = manager.pathOf("job");
		manager.acquire("job").close();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger cycles = new AtomicInteger();
		Thread looper = new Thread(() -> {
			while (!stop.get()) {
				manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(30)).close();
				cycles.incrementAndGet();
			}
		});
		looper.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> cycles.get() > 10_000);
			Process flock = new ProcessBuilder("flock", "-w", "20", file.toString(), "true").start();
			assertThat(flock.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(flock.exitValue()).as("flock -w 20 exit (1: it never got the lock)").isZero();
		}
		finally {
			stop.set(true);
			looper.join(30_000);
		}
		assertThat(looper.isAlive()).isFalse();
	}

	private static boolean take(LockEntry entry, long now, boolean straightAway) throws InterruptedException {
		assertThat(entry.enter(LockMode.EXCLUSIVE, 0)).isEqualTo(LockEntry.Admission.ACQUIRE);
		assertThat(entry.attempt(LockMode.EXCLUSIVE, () -> new FlockStrategy().open(entry.path, true), now)).isTrue();
		return entry.tookOperatingSystemLock(straightAway, now);
	}

	private static void release(LockEntry entry, long now) {
		assertThat(entry.release(Thread.currentThread(), now)).isTrue();
	}

}
