package io.filelock.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.engine.file.FileBackend;
import io.filelock.spi.LockManagerSettings;
import io.filelock.spi.LockResource;
import io.filelock.testsupport.FlockProcess;
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

	/** How often the lock is taken in a tight loop here: well within the courtesy of each release. */
	private static final long STEP = TimeUnit.MICROSECONDS.toNanos(100);

	@TempDir
	Path directory;

	@Test
	void aTurnThatOthersWaitedForEndsWithACourtesyWait() throws Exception {
		LockEntry entry = entry();
		take(entry, 0, false);
		// taken straight back (50 µs after each release) within the turn: no look at the waiters until it
		// has lasted long enough; then the caller looks, and finds others waiting
		long run = takeBackUntilALookIsDue(entry, 0, TURN);
		entry.hold.checked(run, true);
		release(entry, TURN + 100);
		assertThat(entry.hold.courtesyNanos(TURN + 150)).isEqualTo(Turn.COURTESY_NANOS - 50);
		assertThat(entry.hold.courtesyNanos(TURN + 160)).as("once").isZero();
		// a new turn begins after the courtesy
		assertThat(take(entry, TURN + Turn.COURTESY_NANOS, true)).isEqualTo(Turn.NO_CHECK);
		takeBackUntilALookIsDue(entry, TURN + Turn.COURTESY_NANOS, 2 * TURN + Turn.COURTESY_NANOS);
	}

	@Test
	void aLookUnderWayIsNotAskedForAgainAndAnAnswerForABrokenRunIsIgnored() throws Exception {
		LockEntry entry = entry();
		take(entry, 0, false);
		long run = takeBackUntilALookIsDue(entry, 0, TURN);
		// the run goes on while the look is under way: no second look, however long it lasts
		long now = takeBackEvery(entry, TURN, STEP, 3 * TURN);
		release(entry, now + 100);
		// then the run is broken (the lock was taken after a wait), and only then the answer comes
		assertThat(take(entry, 3 * TURN, false)).isEqualTo(Turn.NO_CHECK);
		entry.hold.checked(run, true);
		release(entry, 3 * TURN + 100);
		assertThat(entry.hold.courtesyNanos(3 * TURN + 150)).as("no courtesy for an earlier run").isZero();
		// the new run goes on, and is looked at in its own time
		assertThat(take(entry, 3 * TURN + 200, true)).isEqualTo(Turn.NO_CHECK);
		long next = takeBackUntilALookIsDue(entry, 3 * TURN + 200, 4 * TURN);
		assertThat(next).isNotEqualTo(run);
		entry.hold.checked(next, false);
		release(entry, 4 * TURN + 100);
		assertThat(entry.hold.courtesyNanos(4 * TURN + 150)).as("nobody waits").isZero();
	}

	@Test
	void aLookThatFailsOrCannotBeMadeLeavesTheNextLookDue() throws Exception {
		LockEntry entry = entry();
		TurnWatch failing = new TurnWatch((file, pid) -> {
			throw new IllegalStateException("cannot read /proc/locks");
		}, Runnable::run);
		TurnWatch refused = new TurnWatch((file, pid) -> true, (task) -> {
			throw new RejectedExecutionException("shut down");
		});
		take(entry, 0, false);
		long now = 0;
		for (TurnWatch watch : new TurnWatch[] { failing, refused }) {
			watch.check(entry, takeBackUntilALookIsDue(entry, now, now + TURN), 1);
			now += TURN;
		}
		// neither left a look under way: the next turn's look is asked for, and its answer counts
		long turnEnd = now + TURN;
		long run = takeBackUntilALookIsDue(entry, now, turnEnd);
		new TurnWatch((file, pid) -> true, Runnable::run).check(entry, run, 1);
		release(entry, turnEnd + 100);
		assertThat(entry.hold.courtesyNanos(turnEnd + 150)).isEqualTo(Turn.COURTESY_NANOS - 50);
	}

	/**
	 * The look for waiting processes (a read of /proc/locks, which makes the reader wait for
	 * an RCU grace period) is taken on another thread: the lock goes on changing hands while
	 * it lasts, and the answer still brings the courtesy.
	 */
	@Test
	void theLookDoesNotHoldUpTheLock() throws Exception {
		CountDownLatch looking = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		ExecutorService watcher = Executors.newSingleThreadExecutor();
		TurnWatch watch = new TurnWatch((file, pid) -> {
			looking.countDown();
			try {
				return answer.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}, watcher);
		CountingSleeper sleeper = new CountingSleeper();
		LockManagerSettings settings = LockManager.builder()
			.directory(this.directory)
			.strategy(LockStrategy.FLOCK)
			.settings();
		DefaultLockManager manager = new DefaultLockManager(settings, FileBackend.of(settings), Ticker.SYSTEM, sleeper,
				watch);
		ExecutorService looper = Executors.newSingleThreadExecutor();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger cycles = new AtomicInteger();
		try {
			Future<?> loop = looper.submit(() -> {
				while (!stop.get()) {
					manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(30)).close();
					cycles.incrementAndGet();
				}
			});
			assertThat(looking.await(30, TimeUnit.SECONDS)).as("a look was asked for").isTrue();
			int atLook = cycles.get();
			await().atMost(Duration.ofSeconds(30)).until(() -> cycles.get() >= atLook + 1000 || loop.isDone());
			assertThat(sleeper.sleeps.get()).as("no courtesy before the answer").isZero();
			answer.countDown();
			await().atMost(Duration.ofSeconds(30)).until(() -> sleeper.sleeps.get() > 0 || loop.isDone());
			assertThat(loop.isDone()).as("the loop failed").isFalse();
		}
		finally {
			answer.countDown();
			stop.set(true);
			looper.shutdown();
			assertThat(looper.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			watcher.shutdownNow();
			manager.close();
		}
	}

	@Test
	void aTurnEndsWhenTheLockWasTakenAfterAWaitOrLongAfterTheRelease() throws Exception {
		LockEntry entry = entry();
		take(entry, 0, false);
		long now = takeBackEvery(entry, 0, STEP, TURN - STEP);
		release(entry, now + 100);
		// after waiting for someone else, a turn begins anew
		assertThat(take(entry, TURN, false)).isEqualTo(Turn.NO_CHECK);
		now = takeBackEvery(entry, TURN, STEP, 2 * TURN - STEP);
		// free for longer than the courtesy since the release: not taken straight back
		release(entry, now + 100);
		long late = now + 100 + Turn.COURTESY_NANOS;
		assertThat(take(entry, late, true)).isEqualTo(Turn.NO_CHECK);
		// and a new turn began then
		takeBackEvery(entry, late, STEP, late + TURN - STEP);
	}

	@Test
	void aProcessThatWorksBetweenAcquisitionsNeverOwesATurn() throws Exception {
		LockEntry entry = entry();
		take(entry, 0, false);
		// released, then 1 ms of work before the next acquisition, for ten turns
		long now = 0;
		while (now < 10 * TURN) {
			release(entry, now + 100);
			now += 100 + TimeUnit.MILLISECONDS.toNanos(1);
			assertThat(take(entry, now, true)).as("taken at %d ns", now).isEqualTo(Turn.NO_CHECK);
		}
		release(entry, now + 100);
		assertThat(entry.hold.courtesyNanos(now + 200)).isZero();
	}

	/**
	 * Liveness with real time (here flock(1) also gets in without the courtesy, on some
	 * releases: the turn logic itself is tested above).
	 */
	@Test
	void aProcessWaitingInTheKernelGetsTheLockFromAThreadThatKeepsTakingItBack() throws Exception {
		FlockProcess.assumeInstalled();
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).strategy(LockStrategy.FLOCK).build();
		Path file = manager.resource("job").file();
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
			Process flock = FlockProcess.startWaiting(file, Duration.ofSeconds(20));
			assertThat(flock.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(flock.exitValue()).as("flock -w 20 exit (1: it never got the lock)").isZero();
		}
		finally {
			stop.set(true);
			looper.join(30_000);
		}
		assertThat(looper.isAlive()).isFalse();
	}

	/**
	 * Takes the lock straight back every {@link #STEP} from {@code from} within a run that
	 * began at {@code turnEnd - TURN}, then once more at {@code turnEnd}, which asks for a
	 * look at the waiting processes.
	 * @return the run to look for
	 */
	private static long takeBackUntilALookIsDue(LockEntry entry, long from, long turnEnd) throws InterruptedException {
		long now = takeBackEvery(entry, from, STEP, turnEnd);
		release(entry, now + 100);
		long run = take(entry, turnEnd, true);
		assertThat(run).as("a look is due at %d ns", turnEnd).isNotEqualTo(Turn.NO_CHECK);
		return run;
	}

	/**
	 * Releases and takes the lock straight back every {@code step} from {@code from}, as
	 * long as the next take is before {@code until}; each take must not end the turn.
	 * @return the time of the last take
	 */
	private static long takeBackEvery(LockEntry entry, long from, long step, long until) throws InterruptedException {
		long now = from;
		while (now + step < until) {
			release(entry, now + step / 2);
			now += step;
			assertThat(take(entry, now, true)).as("taken at %d ns", now).isEqualTo(Turn.NO_CHECK);
		}
		return now;
	}

	private static long take(LockEntry entry, long now, boolean straightAway) throws InterruptedException {
		Thread owner = Thread.currentThread();
		assertThat(entry.admission.enter(owner, LockMode.EXCLUSIVE, 0)).isEqualTo(Decision.ACQUIRE);
		return entry.admission.acquired(owner, LockMode.EXCLUSIVE, straightAway, now);
	}

	private static void release(LockEntry entry, long now) {
		assertThat(entry.admission.release(Thread.currentThread(), now)).isTrue();
	}

	/**
	 * An entry whose lock outside the JVM is always free: only the turn logic runs.
	 */
	private static LockEntry entry() {
		BackendKey key = () -> new LockResource("lock job", null);
		return new LockEntry(key, "job", new LocalBackend().open(key));
	}

}
