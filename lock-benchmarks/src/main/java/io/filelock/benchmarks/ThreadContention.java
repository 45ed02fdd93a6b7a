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
import java.util.concurrent.locks.ReentrantLock;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;

/**
 * W6: threads of one JVM take one lock in turn and increment a plain counter; the
 * library against a {@link ReentrantLock} around a raw {@code flock} on one descriptor.
 * Reports the median of several rounds after two warm-up rounds.
 */
final class ThreadContention {

	static final String LIBRARY = "library";

	static final String BASELINE = "reentrantlock+flock";

	private final Path workDirectory;

	ThreadContention(Path workDirectory) {
		this.workDirectory = workDirectory;
	}

	Map<String, Object> run(String variant, int threads, int perThread, int rounds) throws Exception {
		Path directory = Files.createTempDirectory(this.workDirectory, "threads-" + variant + "-");
		Section section = variant.equals(LIBRARY) ? library(directory) : baseline(directory);
		double[] throughputs = new double[rounds];
		// two rounds unmeasured, so that the JIT has compiled both variants' code before
		round(section, threads, perThread);
		round(section, threads, perThread);
		for (int r = 0; r < rounds; r++) {
			throughputs[r] = round(section, threads, perThread);
		}
		Arrays.sort(throughputs);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("variant", variant);
		result.put("threads", threads);
		result.put("perThread", perThread);
		result.put("rounds", rounds);
		result.put("throughputPerSecond", Stats.round(throughputs[rounds / 2], 1));
		return result;
	}

	private static double round(Section section, int threads, int perThread) throws Exception {
		long[] counter = new long[1];
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		Throwable[] failure = new Throwable[1];
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try {
					start.await();
					for (int i = 0; i < perThread; i++) {
						section.run(() -> counter[0]++);
					}
				}
				catch (Throwable ex) {
					failure[0] = ex;
				}
			});
			worker.start();
			workers.add(worker);
		}
		long began = System.nanoTime();
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		long elapsed = System.nanoTime() - began;
		if (failure[0] != null) {
			throw new IllegalStateException("a worker failed", failure[0]);
		}
		if (counter[0] != (long) threads * perThread) {
			throw new IllegalStateException("lost updates: " + counter[0]);
		}
		return threads * (double) perThread / (elapsed / 1e9);
	}

	private static Section library(Path directory) {
		LockManager manager = Managers
			.build(LockManager.builder().directory(directory).timeout(Duration.ofSeconds(30)));
		return (action) -> {
			try (LockHandle ignored = manager.acquire("threads", LockMode.EXCLUSIVE)) {
				action.run();
			}
		};
	}

	private static Section baseline(Path directory) {
		ReentrantLock lock = new ReentrantLock();
		int fd = NativeFlock.openLockFile(directory.resolve("threads.lock").toString());
		return (action) -> {
			lock.lock();
			try {
				NativeFlock.lock(fd, NativeFlock.LOCK_EX);
				try {
					action.run();
				}
				finally {
					NativeFlock.flock(fd, NativeFlock.LOCK_UN);
				}
			}
			finally {
				lock.unlock();
			}
		};
	}

	@FunctionalInterface
	private interface Section {

		void run(Runnable action);

	}

}
