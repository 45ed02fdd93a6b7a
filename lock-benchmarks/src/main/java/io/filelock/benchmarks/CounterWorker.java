package io.filelock.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A child process of W1/W2: increments a JSON counter file under the lock, with a temp
 * file and an atomic rename, and records per increment how long it waited for the lock
 * when it took the lock and when it was done.
 * <p>
 * Arguments: variant, lock directory, counter file, increments, work between increments
 * in microseconds, timeout in milliseconds, output file.
 * <p>
 * It warms up alone on a lock and counter of its own, prints {@code started}, and on a
 * line on standard input warms up again against the other workers on a shared counter
 * ({@value #SHARED_WARM_UP} in the lock directory, which the parent creates), so that the
 * code that waits for a lock is compiled too before it is measured; then it prints
 * {@code ready}, starts on a line on standard input, writes its records to the output
 * file and prints {@code done}.
 */
public final class CounterWorker {

	/** The counter of the contended warm-up, in the lock directory. */
	static final String SHARED_WARM_UP = "warmup-shared.json";

	/**
	 * Lock cycles of each worker in each warm-up: enough for the JIT's optimising compiler
	 * (about 10,000 calls) to have compiled the code that takes, waits for and releases a
	 * lock before the measurement, rather than during it on the same two cores.
	 */
	static final int WARM_UP_CYCLES = 10_000;

	/** Every how many cycles the warm-ups increment their counter (the rest hold the lock for nothing). */
	static final int WARM_UP_INCREMENT_EVERY = 20;

	/** Increments of each worker in the contended warm-up. */
	static final int SHARED_WARM_UP_INCREMENTS = WARM_UP_CYCLES / WARM_UP_INCREMENT_EVERY;

	private CounterWorker() {
	}

	public static void main(String[] args) throws Exception {
		String variant = args[0];
		Path directory = Path.of(args[1]);
		Path counter = Path.of(args[2]);
		int increments = Integer.parseInt(args[3]);
		long workMicros = Long.parseLong(args[4]);
		Duration timeout = Duration.ofMillis(Long.parseLong(args[5]));
		Path output = Path.of(args[6]);
		long pid = ProcessHandle.current().pid();
		warmUp(variant, directory, pid, timeout);
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		System.out.println("started");
		System.out.flush();
		in.readLine();
		warmUpTogether(variant, directory, pid, timeout);
		long[] waits = new long[increments];
		long[] acquisitions = new long[increments];
		long[] ends = new long[increments];
		int timeouts = 0;
		try (Contender contender = Contender.create(variant, directory, "counter", timeout)) {
			System.out.println("ready");
			System.out.flush();
			in.readLine();
			long start = System.nanoTime();
			for (int i = 0; i < increments; i++) {
				long before = System.nanoTime();
				while (!contender.lock()) {
					timeouts++;
				}
				long acquired = System.nanoTime();
				try {
					increment(counter, pid);
				}
				finally {
					contender.unlock();
				}
				waits[i] = acquired - before;
				acquisitions[i] = acquired;
				ends[i] = System.nanoTime();
				Contender.work(workMicros);
			}
			try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(output))) {
				out.println(start + " " + timeouts + " " + (contender.binding().isEmpty() ? "-" : contender.binding()));
				for (int i = 0; i < increments; i++) {
					out.println(waits[i] + " " + ends[i] + " " + acquisitions[i]);
				}
			}
		}
		System.out.println("done");
		System.out.flush();
	}

	/**
	 * The warm-up cycles of a variant: a database round trip costs a hundred times a
	 * system call, and the JdbcLockRegistry polls every 100 ms when contended, so the
	 * PostgreSQL variants warm up on fewer cycles.
	 */
	static int warmUpCycles(String variant) {
		return PostgresContenders.ALL.contains(variant) ? WARM_UP_CYCLES / 10 : WARM_UP_CYCLES;
	}

	private static void warmUp(String variant, Path directory, long pid, Duration timeout) throws IOException {
		Path counter = directory.resolve("warmup-" + pid + ".json");
		Files.writeString(counter, "{\"count\":0}");
		try (Contender contender = Contender.create(variant, directory, "warmup-" + pid, timeout)) {
			for (int i = 0; i < warmUpCycles(variant); i++) {
				contender.lock();
				try {
					if (i % WARM_UP_INCREMENT_EVERY == 0) {
						increment(counter, pid);
					}
				}
				finally {
					contender.unlock();
				}
			}
		}
	}

	private static void warmUpTogether(String variant, Path directory, long pid, Duration timeout)
			throws IOException {
		Path counter = directory.resolve(SHARED_WARM_UP);
		try (Contender contender = Contender.create(variant, directory, "warmup-shared", timeout)) {
			for (int i = 0; i < warmUpCycles(variant); i++) {
				while (!contender.lock()) {
					// a timeout in the warm-up: try again
				}
				try {
					if (i % WARM_UP_INCREMENT_EVERY == 0) {
						increment(counter, pid);
					}
				}
				finally {
					contender.unlock();
				}
			}
		}
	}

	static void increment(Path counter, long pid) throws IOException {
		String json = Files.readString(counter);
		long value = parse(json) + 1;
		Path temp = counter.resolveSibling(counter.getFileName() + "." + pid + ".tmp");
		Files.writeString(temp, "{\"count\":" + value + "}");
		Files.move(temp, counter, StandardCopyOption.ATOMIC_MOVE);
	}

	static long parse(String json) {
		int colon = json.indexOf(':');
		int end = json.indexOf('}', colon);
		return Long.parseLong(json.substring(colon + 1, end).trim());
	}

}
