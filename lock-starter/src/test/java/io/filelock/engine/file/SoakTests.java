package io.filelock.engine.file;

import io.filelock.engine.DefaultLockManager;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads acquire and release random names from a large set, in both modes,
 * blocking, non-blocking and reentrant, checking on every hold that a writer is alone.
 * Afterwards descriptors and heap are back at their baseline and no thread is left
 * inside the manager. Size: {@code reliability.soak.cycles},
 * {@code reliability.soak.names} (long run).
 */
class SoakTests {

	private static final int THREADS = 8;

	/** Heap that may remain after GC beyond the baseline (JIT, class data, the test's own arrays). */
	private static final long HEAP_SLACK = 24L * 1024 * 1024;

	@TempDir
	Path directory;

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void eightThreadsOverManyNamesLeaveNothingBehind() throws Exception {
		soak(LockStrategy.FLOCK, 100_000, 10_000);
	}

	@Test
	@Tag("reliability")
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void longSoak() throws Exception {
		soak(LockStrategy.FLOCK, Integer.getInteger("reliability.soak.cycles", 1_000_000),
				Integer.getInteger("reliability.soak.names", 100_000));
	}

	@Test
	@Tag("reliability")
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void fcntlSoak() throws Exception {
		soak(LockStrategy.FCNTL, 100_000, 10_000);
	}

	@Test
	@Tag("reliability")
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void bothSoak() throws Exception {
		soak(LockStrategy.BOTH, 100_000, 10_000);
	}

	private void soak(LockStrategy strategy, int cycles, int names) throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).strategy(strategy).build();
		AtomicIntegerArray state = new AtomicIntegerArray(names);
		AtomicLong violations = new AtomicLong();
		AtomicLong busy = new AtomicLong();
		AtomicLong done = new AtomicLong();
		runCycles(manager, 2_000, Math.min(names, 100), state, violations, busy, done);
		long descriptorsBefore = openDescriptors();
		long heapBefore = heapAfterGc();
		long start = System.nanoTime();
		runCycles(manager, cycles, names, state, violations, busy, done);
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
		long descriptorsAfter = openDescriptors();
		long heapAfter = heapAfterGc();
		System.out.printf("Soak %s: %d cycles over %d names with %d threads in %d s (%d busy tries); "
				+ "descriptors %d -> %d; heap after GC %d -> %d KiB%n", strategy, cycles, names, THREADS, seconds,
				busy.get(), descriptorsBefore, descriptorsAfter, heapBefore / 1024, heapAfter / 1024);
		assertThat(violations.get()).as("holds that saw a writer with company").isZero();
		assertThat(manager.pendingCount()).as("threads left inside the manager").isZero();
		assertThat(manager.activeCount()).as("locks left held").isZero();
		assertThat(manager.snapshot()).as("entries left behind").isEmpty();
		assertThat(descriptorsAfter).isLessThanOrEqualTo(descriptorsBefore + 5);
		assertThat(heapAfter).isLessThanOrEqualTo(heapBefore + HEAP_SLACK);
		try (Stream<Path> files = Files.list(this.directory)) {
			// the lock files, and the folder where this JVM says it is a lock manager
			assertThat(files.filter((file) -> !file.endsWith(ManagerRegistry.DIRECTORY)).count())
				.as("lock files (never deleted)")
				.isLessThanOrEqualTo(names);
		}
	}

	private static void runCycles(DefaultLockManager manager, int cycles, int names, AtomicIntegerArray state,
			AtomicLong violations, AtomicLong busy, AtomicLong seed) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				SplittableRandom random = new SplittableRandom(seed.incrementAndGet());
				int share = cycles / THREADS + ((t < cycles % THREADS) ? 1 : 0);
				workers.add(threads.submit(() -> {
					for (int i = 0; i < share; i++) {
						cycle(manager, random, names, state, violations, busy);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
			assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		}
	}

	private static void cycle(DefaultLockManager manager, SplittableRandom random, int names, AtomicIntegerArray state,
			AtomicLong violations, AtomicLong busy) {
		int index = random.nextInt(names);
		String name = "soak-" + index;
		LockMode mode = (random.nextInt(4) == 0) ? LockMode.SHARED : LockMode.EXCLUSIVE;
		Optional<LockHandle> handle = (random.nextBoolean()) ? manager.tryAcquire(name, mode)
				: Optional.of(manager.acquire(name, mode, Duration.ofMinutes(1)));
		if (handle.isEmpty()) {
			busy.incrementAndGet();
			return;
		}
		try (LockHandle held = handle.get()) {
			if (!enter(state, index, mode)) {
				violations.incrementAndGet();
				return;
			}
			if (random.nextInt(16) == 0) {
				// reentry gets a second handle at once; the lock stays until the outer one closes
				manager.acquire(name, mode, Duration.ZERO).close();
			}
			leave(state, index, mode);
		}
	}

	/** A writer marks its name -1, readers count up; under a correct lock neither ever fails. */
	private static boolean enter(AtomicIntegerArray state, int index, LockMode mode) {
		if (mode == LockMode.EXCLUSIVE) {
			return state.compareAndSet(index, 0, -1);
		}
		return state.getAndUpdate(index, (readers) -> (readers >= 0) ? readers + 1 : readers) >= 0;
	}

	private static void leave(AtomicIntegerArray state, int index, LockMode mode) {
		if (mode == LockMode.EXCLUSIVE) {
			state.set(index, 0);
		}
		else {
			state.decrementAndGet(index);
		}
	}

	private static long openDescriptors() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

	private static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
