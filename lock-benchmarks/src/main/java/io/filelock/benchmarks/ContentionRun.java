package io.filelock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.filelock.benchmarks.Children.Child;

/**
 * W1/W2: several processes increment one JSON counter under one lock; the parent starts
 * them together and merges their records.
 */
final class ContentionRun {

	private final Path workDirectory;

	ContentionRun(Path workDirectory) {
		this.workDirectory = workDirectory;
	}

	Map<String, Object> run(String variant, int processes, int increments, long workMicros, Duration timeout)
			throws Exception {
		Path directory = Files.createTempDirectory(this.workDirectory, variant + "-");
		Path counter = directory.resolve("counter.json");
		Files.writeString(counter, "{\"count\":0}");
		Path warmUp = directory.resolve(CounterWorker.SHARED_WARM_UP);
		Files.writeString(warmUp, "{\"count\":0}");
		List<Child> children = new ArrayList<>();
		List<Path> outputs = new ArrayList<>();
		try {
			for (int i = 0; i < processes; i++) {
				Path output = directory.resolve("worker-" + i + ".txt");
				outputs.add(output);
				children.add(Children.start(CounterWorker.class, variant, directory.toString(), counter.toString(),
						Integer.toString(increments), Long.toString(workMicros), Long.toString(timeout.toMillis()),
						output.toString()));
			}
			for (Child child : children) {
				child.expect("started");
			}
			for (Child child : children) {
				child.send("warm");
			}
			for (Child child : children) {
				child.expect("ready");
			}
			for (Child child : children) {
				child.send("go");
			}
			for (Child child : children) {
				child.expect("done");
			}
		}
		finally {
			for (Child child : children) {
				child.close();
			}
		}
		long warmed = CounterWorker.parse(Files.readString(warmUp));
		if (warmed != (long) processes * CounterWorker.warmUpCycles(variant) / CounterWorker.WARM_UP_INCREMENT_EVERY) {
			throw new IllegalStateException(variant + " lost updates in the warm-up: counter is " + warmed);
		}
		long count = CounterWorker.parse(Files.readString(counter));
		if (count != (long) processes * increments) {
			throw new IllegalStateException(variant + " lost updates: counter is " + count + ", expected "
					+ (long) processes * increments);
		}
		long start = Long.MAX_VALUE;
		long end = Long.MIN_VALUE;
		long firstFinish = Long.MAX_VALUE;
		int timeouts = 0;
		String binding = "";
		long[] waits = new long[processes * increments];
		long[][] ends = new long[processes][];
		long[][] acquisitions = new long[processes][];
		for (int p = 0; p < processes; p++) {
			List<String> lines = Files.readAllLines(outputs.get(p));
			String[] header = lines.get(0).split(" ");
			start = Math.min(start, Long.parseLong(header[0]));
			timeouts += Integer.parseInt(header[1]);
			if (header.length > 2 && !header[2].equals("-")) {
				binding = header[2];
			}
			ends[p] = new long[increments];
			acquisitions[p] = new long[increments];
			for (int i = 0; i < increments; i++) {
				String[] record = lines.get(i + 1).split(" ");
				waits[p * increments + i] = Long.parseLong(record[0]);
				ends[p][i] = Long.parseLong(record[1]);
				acquisitions[p][i] = Long.parseLong(record[2]);
			}
			end = Math.max(end, ends[p][increments - 1]);
			firstFinish = Math.min(firstFinish, ends[p][increments - 1]);
		}
		double slowestShare = 1.0;
		for (long[] processEnds : ends) {
			int done = 0;
			for (long at : processEnds) {
				if (at <= firstFinish) {
					done++;
				}
			}
			slowestShare = Math.min(slowestShare, (double) done / increments);
		}
		long[] sortedWaits = Stats.sorted(waits);
		double seconds = (end - start) / 1e9;
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("variant", variant);
		if (!binding.isEmpty()) {
			result.put("binding", binding);
		}
		result.put("processes", processes);
		result.put("increments", increments);
		result.put("workMicros", workMicros);
		result.put("timeoutMillis", timeout.toMillis());
		result.put("seconds", Stats.round(seconds, 3));
		result.put("throughputPerSecond", Stats.round(processes * increments / seconds, 1));
		result.put("waitP50Millis", Stats.percentileMillis(sortedWaits, 50));
		result.put("waitP99Millis", Stats.percentileMillis(sortedWaits, 99));
		result.put("waitMaxMillis", Stats.millis(sortedWaits[sortedWaits.length - 1]));
		result.put("timeouts", timeouts);
		result.put("fairness", Stats.round(slowestShare, 3));
		handOffs(acquisitions, ends, result);
		return result;
	}

	/**
	 * How the lock went from one increment to the next, all processes' increments in the
	 * order they took the lock: how often it changed process, and how long it lay free in
	 * gaps of over a millisecond between one increment's end and the next one's start (a
	 * holder or a waiter held up, for example by reading {@code /proc/locks} under the lock).
	 */
	static void handOffs(long[][] acquisitions, long[][] ends, Map<String, Object> result) {
		List<long[]> holds = new ArrayList<>();
		for (int p = 0; p < acquisitions.length; p++) {
			for (int i = 0; i < acquisitions[p].length; i++) {
				holds.add(new long[] { acquisitions[p][i], ends[p][i], p });
			}
		}
		holds.sort((a, b) -> Long.compare(a[0], b[0]));
		int handOffs = 0;
		int longGaps = 0;
		long longGapNanos = 0;
		for (int i = 1; i < holds.size(); i++) {
			if (holds.get(i)[2] != holds.get(i - 1)[2]) {
				handOffs++;
			}
			long gap = holds.get(i)[0] - holds.get(i - 1)[1];
			if (gap > 1_000_000) {
				longGaps++;
				longGapNanos += gap;
			}
		}
		result.put("handOffs", handOffs);
		result.put("gapsOver1ms", longGaps);
		result.put("gapsOver1msMillis", Stats.millis(longGapNanos));
	}

}
