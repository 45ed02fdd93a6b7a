package io.filelock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.filelock.benchmarks.Children.Child;

/**
 * W3: a holder process is SIGKILLed while another process waits for the lock; measures
 * the time from the kill to the waiter holding the lock. The waiter has waited 200 to
 * 400 ms when the holder dies, so a backing-off waiter is at its longer delays.
 * <p>
 * The holder is a JVM of the same variant, or a small Python process holding the same
 * kind of lock ({@code flock}, or POSIX for the FCNTL-based variants). The kernel drops a
 * dead process's locks only once it has torn the process down, which for a JVM takes
 * about 3 to 5 ms here (every thread must exit, then its memory is unmapped before its
 * files are closed): the Python holder shows the waiter's own part.
 */
final class CrashHandOff {

	private final Path workDirectory;

	CrashHandOff(Path workDirectory) {
		this.workDirectory = workDirectory;
	}

	/**
	 * Which process holds the lock when it is killed.
	 */
	enum Holder {

		/** A JVM of the same variant. */
		JVM,
		/** {@link #PYTHON_HOLDER}: a Python process holding the same kind of lock. */
		PYTHON

	}

	/** The Python holder: a process holding the lock with {@code fcntl}. */
	static final String PYTHON_HOLDER = """
			import fcntl, sys
			f = open(sys.argv[1], 'a')
			(fcntl.flock if sys.argv[2] == 'flock' else fcntl.lockf)(f, fcntl.LOCK_EX)
			print('held', flush=True)
			sys.stdin.readline()
			""";

	/**
	 * Whether {@code python3} runs here, for the runs with a Python holder.
	 */
	static boolean pythonAvailable() {
		try {
			Process process = new ProcessBuilder("python3", "-c", "import fcntl").redirectErrorStream(true).start();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	Map<String, Object> run(String variant, int trials, Holder holderKind) throws Exception {
		Path directory = Files.createTempDirectory(this.workDirectory, "handoff-" + variant + "-");
		long[] handOffs = new long[trials];
		try (Child waiter = Children.start(HandOffWorker.class, "waiter", variant, directory.toString())) {
			// One untimed round so that the waiter's JVM has loaded and run the code once.
			waiter.send("acquire");
			waiter.expect("acquired");
			for (int trial = 0; trial < trials; trial++) {
				try (Child holder = (holderKind == Holder.PYTHON) ? startPythonHolder(variant, directory)
						: Children.start(HandOffWorker.class, "holder", variant, directory.toString())) {
					holder.expect("held");
					waiter.send("acquire");
					waiter.expect("waiting");
					TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(200, 400));
					long killed = System.nanoTime();
					holder.process.destroyForcibly();
					String acquired = waiter.expect("acquired ");
					handOffs[trial] = Long.parseLong(acquired.substring("acquired ".length())) - killed;
				}
			}
		}
		long[] sorted = Stats.sorted(handOffs);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("variant", variant);
		result.put("holder", holderKind.name().toLowerCase(java.util.Locale.ROOT));
		result.put("trials", trials);
		result.put("p50Millis", Stats.percentileMillis(sorted, 50));
		result.put("maxMillis", Stats.millis(sorted[sorted.length - 1]));
		return result;
	}

	private static Child startPythonHolder(String variant, Path directory) throws java.io.IOException {
		String kind = (variant.equals(Contender.LIBRARY_FCNTL) || variant.equals(Contender.FILE_CHANNEL)) ? "posix"
				: "flock";
		return Children.start(List.of("python3", "-c", PYTHON_HOLDER,
				directory.resolve(HandOffWorker.LOCK_NAME + ".lock").toString(), kind));
	}

}
