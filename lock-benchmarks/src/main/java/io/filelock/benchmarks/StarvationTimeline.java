package io.filelock.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W7 second by second: of the attempts that began in each second, how many took the lock,
 * how many timed out, and their median wait. Shows when threads began to starve and
 * whether it lasted, which the totals of a run do not.
 */
final class StarvationTimeline {

	private StarvationTimeline() {
	}

	/**
	 * @param begin when the measured loop began ({@link System#nanoTime()})
	 * @param starts when each attempt began
	 * @param waits each attempt's wait, in the order of {@code starts}
	 * @param timedOut which attempts timed out, in the same order
	 */
	static List<Map<String, Object>> bySecond(long begin, long[] starts, long[] waits, boolean[] timedOut) {
		int seconds = 0;
		for (long start : starts) {
			seconds = Math.max(seconds, second(begin, start) + 1);
		}
		List<Map<String, Object>> timeline = new ArrayList<>();
		for (int second = 0; second < seconds; second++) {
			int acquisitions = 0;
			int timeouts = 0;
			long[] ofSecond = new long[starts.length];
			int count = 0;
			for (int i = 0; i < starts.length; i++) {
				if (second(begin, starts[i]) == second) {
					ofSecond[count++] = waits[i];
					if (timedOut[i]) {
						timeouts++;
					}
					else {
						acquisitions++;
					}
				}
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("second", second);
			row.put("acquisitions", acquisitions);
			row.put("timeouts", timeouts);
			row.put("waitP50Millis", Stats.percentileMillis(Stats.sorted(Arrays.copyOf(ofSecond, count)), 50));
			timeline.add(row);
		}
		return timeline;
	}

	private static int second(long begin, long at) {
		return (int) Math.max(0, (at - begin) / 1_000_000_000L);
	}

}
