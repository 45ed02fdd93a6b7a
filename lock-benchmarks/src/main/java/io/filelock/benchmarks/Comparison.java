package io.filelock.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The library's figures of two builds side by side, from rounds in which both ran the
 * same workloads: per build the median over the rounds of each figure and of its ratio
 * to the baseline of the same run, and the new build's figure divided by the old one's.
 */
final class Comparison {

	/** The rows that measure the library; every other row is a baseline. */
	private static final Set<String> LIBRARY_VARIANTS = Set.of("library", "library-fcntl", "library-both", "libraryBoth",
			"annotated", "annotatedAsync", "direct", PostgresContenders.LIBRARY);

	private static final List<Figure> FIGURES = List.of(
			new Figure("W1", "throughput/s", "throughputPerSecond", "ratio", "flock-blocking"),
			new Figure("W1", "fairness", "fairness", null, ""), new Figure("W1", "timeouts", "timeouts", null, ""),
			new Figure("W2", "throughput/s", "throughputPerSecond", "ratio", "flock-blocking"),
			new Figure("W1x", "throughput/s", "throughputPerSecond", null, ""),
			new Figure("W1x", "timeouts", "timeouts", null, ""),
			new Figure("W3", "p50 ms, JVM holder", "p50Millis", "ratio", "flock-blocking"),
			new Figure("W3py", "p50 ms, Python holder", "p50Millis", "ratio", "flock-blocking"),
			new Figure("W4", "µs/op", "microsPerOp", "ratioToSyscallSequence", "syscall sequence"),
			new Figure("W4", "µs/op", "microsPerOp", "ratio", "raw flock"),
			new Figure("W5", "µs/op", "microsPerOp", "ratio", "direct"),
			new Figure("W6", "acquisitions/s", "throughputPerSecond", "ratio", "ReentrantLock+flock"),
			new Figure("W7", "acquisitions", "acquisitions", "ratio", "ReentrantLock"),
			new Figure("W7", "timeouts", "timeouts", null, ""), new Figure("W7", "wait p99 ms", "waitP99Millis", null, ""),
			new Figure("W7", "wait max ms", "waitMaxMillis", null, ""),
			new Figure("W7", "fairness (min/max)", "fairness", null, ""));

	private Comparison() {
	}

	/**
	 * @param newRuns the new build's results, one per round
	 * @param oldRuns the old build's, in the same order
	 */
	static List<Map<String, Object>> rows(List<Map<String, Object>> newRuns, List<Map<String, Object>> oldRuns) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Figure figure : FIGURES) {
			for (String row : libraryRows(newRuns, figure.workload)) {
				List<@Nullable Object> newValues = values(newRuns, figure.workload, row, figure.key);
				List<@Nullable Object> oldValues = values(oldRuns, figure.workload, row, figure.key);
				double newMedian = median(newValues);
				double oldMedian = median(oldValues);
				Map<String, Object> out = new LinkedHashMap<>();
				out.put("workload", figure.workload);
				out.put("variant", row);
				out.put("figure", figure.label);
				out.put("old", Stats.round(oldMedian, 3));
				out.put("new", Stats.round(newMedian, 3));
				out.put("newToOld", Stats.ratio(newMedian, oldMedian));
				if (figure.ratioKey != null) {
					out.put("ratioTo", figure.ratioTo);
					out.put("oldRatio", Stats.round(median(values(oldRuns, figure.workload, row, figure.ratioKey)), 2));
					out.put("newRatio", Stats.round(median(values(newRuns, figure.workload, row, figure.ratioKey)), 2));
				}
				out.put("oldRounds", oldValues);
				out.put("newRounds", newValues);
				rows.add(out);
			}
		}
		return rows;
	}

	static String render(List<Map<String, Object>> rows) {
		StringBuilder out = new StringBuilder();
		out.append("| workload | variant | figure | old | old ratio | new | new ratio | ratio to | new/old |\n")
			.append("|---|---|---|---:|---:|---:|---:|---|---:|\n");
		for (Map<String, Object> row : rows) {
			out.append("| ").append(row.get("workload")).append(" | ").append(row.get("variant")).append(" | ")
				.append(row.get("figure")).append(" | ").append(shown(row.get("old"))).append(" | ")
				.append(shown(row.get("oldRatio"))).append(" | ").append(shown(row.get("new"))).append(" | ")
				.append(shown(row.get("newRatio"))).append(" | ").append(shown(row.get("ratioTo"))).append(" | ")
				.append(shown(row.get("newToOld"))).append(" |\n");
		}
		return out.append("\nFigures and ratios are medians over the rounds; each ratio is to a baseline of the ")
			.append("same build's run; new/old divides the new figure by the old one.\n\n")
			.toString();
	}

	private static String shown(@Nullable Object value) {
		return (value == null || (value instanceof Double number && number.isNaN())) ? "" : value.toString();
	}

	/**
	 * The library rows of a workload, as {@code variant} or {@code variant mode}, in the
	 * order of the first run that has them.
	 */
	private static Set<String> libraryRows(List<Map<String, Object>> runs, String workload) {
		Set<String> rows = new LinkedHashSet<>();
		for (Map<String, Object> run : runs) {
			for (Map<String, Object> row : rowsOf(run, workload)) {
				if (LIBRARY_VARIANTS.contains(row.get("variant"))) {
					rows.add(identity(row));
				}
			}
		}
		return rows;
	}

	private static List<@Nullable Object> values(List<Map<String, Object>> runs, String workload, String identity,
			String key) {
		List<@Nullable Object> values = new ArrayList<>();
		for (Map<String, Object> run : runs) {
			values.add(rowsOf(run, workload).stream()
				.filter((row) -> identity(row).equals(identity))
				.map((row) -> row.get(key))
				.findFirst()
				.orElse(null));
		}
		return values;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rowsOf(Map<String, Object> run, String workload) {
		Object workloads = run.get("workloads");
		Object rows = (workloads instanceof Map<?, ?> map) ? map.get(workload) : null;
		return (rows instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of();
	}

	private static String identity(Map<String, Object> row) {
		return row.get("variant") + (row.containsKey("mode") ? " " + row.get("mode") : "");
	}

	/**
	 * The median of the numbers among {@code values} (the mean of the middle two for an
	 * even count); NaN if there are none.
	 */
	static double median(List<@Nullable Object> values) {
		double[] numbers = values.stream()
			.filter(Objects::nonNull)
			.filter(Number.class::isInstance)
			.mapToDouble((value) -> ((Number) value).doubleValue())
			.filter((value) -> !Double.isNaN(value))
			.sorted()
			.toArray();
		if (numbers.length == 0) {
			return Double.NaN;
		}
		int middle = numbers.length / 2;
		return (numbers.length % 2 == 1) ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2;
	}

	/**
	 * One figure of a workload's library rows.
	 * @param ratioKey the key of the row's ratio to its baseline, or null if it has none
	 */
	private record Figure(String workload, String label, String key, @Nullable String ratioKey, String ratioTo) {
	}

}
