package io.filelock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.filelock.benchmarks.Children.Child;

/**
 * W3: a holder process is SIGKILLed while another process waits for the lock; measures
 * the time from the kill to the waiter holding the lock. The waiter has waited 200 to
 * 400 ms when the holder dies, so a backing-off waiter is at its longer delays.
 */
final class CrashHandOff {

	private final Path workDirectory;

	CrashHandOff(Path workDirectory) {
		this.workDirectory = workDirectory;
	}

	Map<String, Object> run(String variant, int trials) throws Exception {
		Path directory = Files.createTempDirectory(this.workDirectory, "handoff-" + variant + "-");
		long[] handOffs = new long[trials];
		try (Child waiter = Children.start(HandOffWorker.class, "waiter", variant, directory.toString())) {
			// One untimed round so that the waiter's JVM has loaded and run the code once.
			waiter.send("acquire");
			waiter.expect("acquired");
			for (int trial = 0; trial < trials; trial++) {
				try (Child holder = Children.start(HandOffWorker.class, "holder", variant, directory.toString())) {
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
		result.put("trials", trials);
		result.put("p50Millis", Stats.percentileMillis(sorted, 50));
		result.put("maxMillis", Stats.millis(sorted[sorted.length - 1]));
		return result;
	}

}
