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
 * and when it was done.
 * <p>
 * Arguments: variant, lock directory, counter file, increments, work between increments
 * in microseconds, timeout in milliseconds, output file. Prints {@code ready} once warm,
 * starts on a line on standard input, writes its records to the output file and prints
 * {@code done}.
 */
public final class CounterWorker {

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
		long[] waits = new long[increments];
		long[] ends = new long[increments];
		int timeouts = 0;
		try (Contender contender = Contender.create(variant, directory, "counter", timeout)) {
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
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
				ends[i] = System.nanoTime();
				Contender.work(workMicros);
			}
			try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(output))) {
				out.println(start + " " + timeouts);
				for (int i = 0; i < increments; i++) {
					out.println(waits[i] + " " + ends[i]);
				}
			}
		}
		System.out.println("done");
		System.out.flush();
	}

	private static void warmUp(String variant, Path directory, long pid, Duration timeout) throws IOException {
		Path counter = directory.resolve("warmup-" + pid + ".json");
		Files.writeString(counter, "{\"count\":0}");
		try (Contender contender = Contender.create(variant, directory, "warmup-" + pid, timeout)) {
			for (int i = 0; i < 500; i++) {
				contender.lock();
				try {
					increment(counter, pid);
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
