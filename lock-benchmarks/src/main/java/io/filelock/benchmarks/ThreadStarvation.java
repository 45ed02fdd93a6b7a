package io.filelock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;

/**
 * W7: platform threads of one JVM, and no other process, loop on one lock for a fixed
 * time: take it with a {@link #TIMEOUT 200 ms} timeout, hold it about 1 ms, release it
 * ({@link StarvationWorker}). Does a thread time out (starve) while the others take the
 * lock in turn? The library against {@link ReentrantLock}, non-fair and fair, in the same
 * loop.
 * <p>
 * The hold is {@link java.util.concurrent.locks.LockSupport#parkNanos}, not a busy wait:
 * the holder is off the CPU, as a caller doing I/O under a file lock is, and the waiters'
 * wake-ups and hand-offs get the CPU they need. With 8 threads on 2 cores, a busy-waiting
 * holder that is preempted would hold the lock for as long as the scheduler keeps it off
 * the CPU, and the waits would measure the scheduler.
 */
final class ThreadStarvation {

	static final String LIBRARY = "library";

	static final String REENTRANT = "reentrantlock";

	static final String REENTRANT_FAIR = "reentrantlock-fair";

	static final List<String> VARIANTS = List.of(LIBRARY, REENTRANT, REENTRANT_FAIR);

	static final Duration TIMEOUT = Duration.ofMillis(200);

	static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final Path workDirectory;

	ThreadStarvation(Path workDirectory) {
		this.workDirectory = workDirectory;
	}

	/**
	 * One unmeasured run of {@code warmUp}, so that the JIT has compiled the loop, then the
	 * measured run of {@code duration}. Waits are of every attempt, timed-out ones included.
	 */
	Map<String, Object> run(String variant, int threads, Duration duration, Duration warmUp) throws Exception {
		StarvationWorker.Section section = section(variant);
		loop(section, threads, warmUp);
		StarvationWorker[] workers = loop(section, threads, duration);
		long[] waits = Stats.sorted(Arrays.stream(workers).flatMapToLong((worker) -> worker.waits.stream()).toArray());
		long[] holds = Stats.sorted(Arrays.stream(workers).flatMapToLong((worker) -> worker.holds.stream()).toArray());
		long[] perThread = Arrays.stream(workers).mapToLong((worker) -> worker.holds.size()).toArray();
		long fewest = Arrays.stream(perThread).min().orElse(0);
		long most = Arrays.stream(perThread).max().orElse(0);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("variant", variant);
		result.put("threads", threads);
		result.put("seconds", duration.toMillis() / 1000.0);
		result.put("timeoutMillis", TIMEOUT.toMillis());
		result.put("acquisitions", holds.length);
		result.put("timeouts", Arrays.stream(workers).mapToInt((worker) -> worker.timeouts).sum());
		result.put("waitP50Millis", Stats.percentileMillis(waits, 50));
		result.put("waitP99Millis", Stats.percentileMillis(waits, 99));
		result.put("waitMaxMillis", (waits.length > 0) ? Stats.millis(waits[waits.length - 1]) : Double.NaN);
		result.put("holdP50Millis", Stats.percentileMillis(holds, 50));
		result.put("perThreadMin", fewest);
		result.put("perThreadMax", most);
		result.put("fairness", (most > 0) ? Stats.round((double) fewest / most, 3) : Double.NaN);
		result.put("perThread", Arrays.stream(perThread).boxed().toList());
		result.put("timeoutsPerThread", Arrays.stream(workers).map((worker) -> worker.timeouts).toList());
		result.put("bySecond", timeline(workers, duration));
		return result;
	}

	private static List<Map<String, Object>> timeline(StarvationWorker[] workers, Duration duration) {
		long[] starts = Arrays.stream(workers).flatMapToLong((worker) -> worker.starts.stream()).toArray();
		long[] waits = Arrays.stream(workers).flatMapToLong((worker) -> worker.waits.stream()).toArray();
		boolean[] timedOut = new boolean[starts.length];
		int at = 0;
		for (StarvationWorker worker : workers) {
			for (long timeoutIndex : worker.timedOut.stream().toArray()) {
				timedOut[at + (int) timeoutIndex] = true;
			}
			at += worker.starts.size();
		}
		return StarvationTimeline.bySecond(workers[0].deadline() - duration.toNanos(), starts, waits, timedOut);
	}

	private StarvationWorker.Section section(String variant) throws Exception {
		return switch (variant) {
			case LIBRARY -> library(Files.createTempDirectory(this.workDirectory, "starvation-"));
			case REENTRANT -> reentrant(new ReentrantLock(false));
			case REENTRANT_FAIR -> reentrant(new ReentrantLock(true));
			default -> throw new IllegalArgumentException("Unknown W7 variant '" + variant + "'");
		};
	}

	private static StarvationWorker.Section library(Path directory) {
		LockManager manager = Managers.build(LockManager.builder().directory(directory).timeout(TIMEOUT));
		return () -> {
			try {
				return manager.acquire("starvation", LockMode.EXCLUSIVE, TIMEOUT);
			}
			catch (LockTimeoutException ex) {
				return null;
			}
		};
	}

	private static StarvationWorker.Section reentrant(ReentrantLock lock) {
		return () -> lock.tryLock(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS) ? lock::unlock : null;
	}

	private static StarvationWorker[] loop(StarvationWorker.Section section, int threads, Duration duration)
			throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		StarvationWorker[] workers = new StarvationWorker[threads];
		List<Thread> running = new ArrayList<>();
		long[] deadline = new long[1];
		for (int t = 0; t < threads; t++) {
			StarvationWorker worker = new StarvationWorker(section, start, deadline, HOLD_NANOS);
			workers[t] = worker;
			Thread thread = new Thread(worker, "w7-" + t);
			thread.start();
			running.add(thread);
		}
		deadline[0] = System.nanoTime() + duration.toNanos();
		start.countDown();
		for (Thread thread : running) {
			thread.join();
		}
		for (StarvationWorker worker : workers) {
			if (worker.failure != null) {
				throw new IllegalStateException("a W7 thread failed", worker.failure);
			}
		}
		return workers;
	}

}
