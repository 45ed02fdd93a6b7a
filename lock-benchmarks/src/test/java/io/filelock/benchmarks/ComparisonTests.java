package io.filelock.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's figures of two builds side by side: medians over the rounds, ratios to
 * each run's own baselines, new divided by old.
 */
class ComparisonTests {

	@Test
	void libraryRowsOfBothBuildsWithTheirOwnRatiosAndNewOverOld() {
		List<Map<String, Object>> newRuns = List.of(w4(5.0, 1.1), w4(7.0, 1.3));
		List<Map<String, Object>> oldRuns = List.of(w4(10.0, 2.0), w4(12.0, 2.4));
		List<Map<String, Object>> rows = Comparison.rows(newRuns, oldRuns);
		assertThat(rows).hasSize(2);
		Map<String, Object> sequence = rows.get(0);
		assertThat(sequence).containsEntry("workload", "W4")
			.containsEntry("variant", "library EXCLUSIVE")
			.containsEntry("ratioTo", "syscall sequence")
			.containsEntry("new", 6.0)
			.containsEntry("newRatio", 1.2)
			.containsEntry("old", 11.0)
			.containsEntry("oldRatio", 2.2)
			.containsEntry("newToOld", 0.55);
		assertThat(rows.get(1)).containsEntry("ratioTo", "raw flock");
		assertThat(Comparison.render(rows))
			.contains("| W4 | library EXCLUSIVE | µs/op | 11.0 | 2.2 | 6.0 | 1.2 | syscall sequence | 0.55 |");
	}

	@Test
	void aWorkloadOneBuildLacksLeavesItsFiguresBlank() {
		List<Map<String, Object>> rows = Comparison.rows(List.of(w4(5.0, 1.1)), List.of(Map.of("workloads", Map.of())));
		assertThat(rows.get(0).get("old")).isEqualTo(Double.NaN);
		assertThat(Comparison.render(rows)).contains("| W4 | library EXCLUSIVE | µs/op |  |  | 5.0 | 1.1 |");
	}

	private static Map<String, Object> w4(double micros, double ratioToSequence) {
		List<Map<String, Object>> rows = new ArrayList<>();
		rows.add(row("library", micros, ratioToSequence));
		rows.add(row("syscallSequence", micros / ratioToSequence, 1.0));
		return Map.of("workloads", Map.of("W4", rows));
	}

	private static Map<String, Object> row(String variant, double micros, double ratioToSequence) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("variant", variant);
		row.put("mode", "EXCLUSIVE");
		row.put("microsPerOp", micros);
		row.put("ratio", 3.0);
		row.put("ratioToSyscallSequence", ratioToSequence);
		return row;
	}

}
