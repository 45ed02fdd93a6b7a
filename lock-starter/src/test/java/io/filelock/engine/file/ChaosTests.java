package io.filelock.engine.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.filelock.LockBackendKind;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockStrategy;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.TestBackends;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four worker JVMs ({@link ChaosProcess}) increment a {@link ChaosCounter} under the lock
 * while this test SIGKILLs a random one, at a random moment or at a chosen point of the
 * critical section, and starts it again. Afterwards the counter must parse and the
 * journals must hold each value 1..counter exactly once; see {@link ChaosCounter} for why
 * that is exact. Size: {@code reliability.chaos.seconds} and
 * {@code reliability.chaos.kills} (the long run's minimums), {@code reliability.seed}.
 */
class ChaosTests {

	private static final int WORKERS = 4;

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path directory;

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void workersKilledAtRandomNeitherLoseNorDoubleAnIncrement() throws Exception {
		run(LockStrategy.FLOCK.name(), Duration.ofSeconds(15), 10);
	}

	@ParameterizedTest
	@EnumSource(value = LockStrategy.class, names = { "FLOCK", "FCNTL", "BOTH" })
	@Tag("reliability")
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void longChaosRun(LockStrategy strategy) throws Exception {
		run(strategy.name(), Duration.ofSeconds(Long.getLong("reliability.chaos.seconds", 60)),
				Integer.getInteger("reliability.chaos.kills", 100));
	}

	/**
	 * The same chaos with PostgreSQL advisory locks: a killed worker's session ends with
	 * its process, and the server hands the lock to the next worker.
	 */
	@Test
	@Tag("reliability")
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void longChaosRunOnPostgres() throws Exception {
		run(TestBackends.POSTGRES, Duration.ofSeconds(Long.getLong("reliability.chaos.seconds", 60)),
				Integer.getInteger("reliability.chaos.kills", 100));
	}

	private void run(String backend, Duration duration, int minimumKills) throws Exception {
		long seed = Long.getLong("reliability.seed", System.nanoTime());
		Random random = new Random(seed);
		ChaosCounter counter = new ChaosCounter(this.directory);
		counter.create();
		List<ChildJvm> workers = new ArrayList<>();
		Map<Kill, Integer> kills = new EnumMap<>(Kill.class);
		int total = 0;
		long start = System.nanoTime();
		try {
			for (int slot = 0; slot < WORKERS; slot++) {
				workers.add(start(backend, slot));
			}
			while (System.nanoTime() - start < duration.toNanos() || total < minimumKills) {
				int slot = random.nextInt(WORKERS);
				ChildJvm worker = workers.get(slot);
				assertAlive(worker, slot);
				Kill kill = Kill.values()[random.nextInt(Kill.values().length)];
				if (kill == Kill.ANY_MOMENT) {
					// a random moment: the chaos itself, not a wait for something
					Thread.sleep(random.nextInt(400));
				}
				else {
					worker.send("pause " + kill.point);
					awaitLine(worker, "at " + kill.point);
				}
				worker.kill9();
				assertThat(worker.process().exitValue()).as("exit of killed worker").isEqualTo(128 + 9);
				kills.merge(kill, 1, Integer::sum);
				total++;
				workers.set(slot, start(backend, slot));
			}
			for (ChildJvm worker : workers) {
				worker.send("stop");
			}
			for (int slot = 0; slot < WORKERS; slot++) {
				awaitLine(workers.get(slot), "stopped");
				assertThat(workers.get(slot).waitForExit(PATIENCE)).as("exit of worker " + slot).isZero();
			}
		}
		finally {
			for (ChildJvm worker : workers) {
				if (worker.process().isAlive()) {
					worker.kill9();
				}
			}
		}
		LockManagerBuilder builder = backend.equals(TestBackends.POSTGRES)
				? LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(PostgresServer.shared().settings())
				: LockManager.builder().directory(this.directory.resolve("locks")).strategy(LockStrategy.valueOf(backend));
		LockManager locks = builder.timeout(PATIENCE).build();
		long committed = locks.withLock(ChaosCounter.LOCK, () -> {
			try {
				counter.repair();
				return counter.read().value();
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		List<String> lines = counter.journalLines();
		long repaired = lines.stream().filter((line) -> line.endsWith(ChaosCounter.REPAIRED)).count();
		List<Long> journaled = lines.stream()
			.map((line) -> Long.parseLong(line.replace(ChaosCounter.REPAIRED, "")))
			.sorted()
			.toList();
		System.out.printf("Chaos %s (seed %d): %d increments committed in %d s, %d kills %s, %d increments "
				+ "journaled by the next holder after their writer was killed%n", backend, seed,
				committed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), total, kills, repaired);
		assertThat(total).isGreaterThanOrEqualTo(minimumKills);
		assertThat(committed).as("increments committed").isPositive();
		assertThat(journaled).as("journaled increments, sorted (a gap is a lost one, a repeat a doubled one)")
			.isEqualTo(LongStream.rangeClosed(1, committed).boxed().toList());
		// every kill after a rename leaves exactly one increment for the next holder to journal;
		// a kill at any moment may have landed in that window too
		assertThat(repaired).as("increments journaled by the next holder")
			.isBetween((long) kills.getOrDefault(Kill.AFTER_RENAME, 0),
					(long) kills.getOrDefault(Kill.AFTER_RENAME, 0) + kills.getOrDefault(Kill.ANY_MOMENT, 0));
	}

	private ChildJvm start(String backend, int slot) throws java.io.IOException {
		List<String> options = backend.equals(TestBackends.POSTGRES) ? PostgresServer.shared().childJvmOptions()
				: List.of();
		return ChildJvm.start(ChaosProcess.class, options, this.directory.toString(), backend, Integer.toString(slot));
	}

	private static void assertAlive(ChildJvm worker, int slot) {
		assertThat(worker.process().isAlive())
			.as(() -> "worker " + slot + " died by itself (exit " + worker.process().exitValue() + ")")
			.isTrue();
	}

	/**
	 * Waits for a protocol line, skipping others ({@code ready}).
	 */
	private static void awaitLine(ChildJvm worker, String expected) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1));
			if (worker.nextLine(left).equals(expected)) {
				return;
			}
		}
	}

	private enum Kill {

		ANY_MOMENT(null), HOLDING_THE_LOCK(ChaosCounter.Point.LOCKED),
		BEFORE_RENAME(ChaosCounter.Point.TEMP_WRITTEN), AFTER_RENAME(ChaosCounter.Point.RENAMED),
		AFTER_JOURNAL(ChaosCounter.Point.JOURNALED);

		final ChaosCounter.Point point;

		Kill(ChaosCounter.Point point) {
			this.point = point;
		}

	}

}
