package io.filelock.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Renders the results as the Markdown table of the README.
 */
final class SummaryTable {

	private static final List<Column> CONTENTION = List.of(Column.optionalText("binding", "binding"),
			Column.number("throughput/s", "throughputPerSecond"),
			Column.number("ratio to flock", "ratio"), Column.number("wait p50 ms", "waitP50Millis"),
			Column.number("p99 ms", "waitP99Millis"), Column.number("max ms", "waitMaxMillis"),
			Column.number("timeouts", "timeouts"), Column.number("fairness", "fairness"),
			Column.number("hand-offs", "handOffs"), Column.number("free in gaps > 1 ms, ms", "gapsOver1msMillis"));

	private static final List<Column> CRASH_HAND_OFF = List.of(Column.number("p50 ms", "p50Millis"),
			Column.number("ratio to flock", "ratio"), Column.number("max ms", "maxMillis"),
			Column.number("trials", "trials"));

	private static final List<Column> STARVATION = List.of(Column.number("acquisitions", "acquisitions"),
			Column.number("ratio to ReentrantLock", "ratio"), Column.number("timeouts", "timeouts"),
			Column.number("wait p50 ms", "waitP50Millis"), Column.number("p99 ms", "waitP99Millis"),
			Column.number("max ms", "waitMaxMillis"), Column.number("hold p50 ms", "holdP50Millis"),
			Column.number("per thread min", "perThreadMin"), Column.number("max", "perThreadMax"),
			Column.number("fairness (min/max)", "fairness"));

	private SummaryTable() {
	}

	@SuppressWarnings("unchecked")
	static String render(Map<String, Object> results) {
		StringBuilder out = new StringBuilder();
		Map<String, Object> machine = (Map<String, Object>) results.get("machine");
		out.append("Run ").append(results.get("date")).append(results.get("label").toString().isEmpty() ? ""
				: " (" + results.get("label") + ")").append(Boolean.TRUE.equals(results.get("quick")) ? ", --quick" : "")
			.append(": ").append(machine.get("cpus")).append(" CPUs (").append(machine.get("cpuModel")).append("), ")
			.append(machine.get("os")).append(", ").append(machine.get("jdk")).append(", tmpdir on ")
			.append(machine.get("tmpdirFileSystem")).append("\n\n");
		Map<String, Object> workloads = (Map<String, Object>) results.getOrDefault("workloads", Map.of());
		table(out, workloads.get("W1"), "W1 tight loop", CONTENTION);
		table(out, workloads.get("W2"), "W2 1 ms work between increments", CONTENTION);
		table(out, workloads.get("W1x"), "W1x tight loop, 4×5,000, 5 s timeout", CONTENTION);
		table(out, workloads.get("W3"), "W3 crash hand-off, JVM holder", CRASH_HAND_OFF);
		table(out, workloads.get("W3py"), "W3 crash hand-off, Python holder", CRASH_HAND_OFF);
		status(out, workloads.get("W3py"), "W3 with a Python holder");
		table(out, workloads.get("W4"), "W4 uncontended acquire+release",
				List.of(Column.text("mode", "mode"), Column.optionalText("binding", "binding"), Column.microsWithError(), Column.number("ratio to raw flock", "ratio"),
						Column.number("ratio to syscall sequence", "ratioToSyscallSequence"),
						Column.target("≤ " + Jmh.UNCONTENDED_TARGET + "× sequence", "withinTarget")));
		status(out, workloads.get("W5"), "W5");
		table(out, workloads.get("W5"), "W5 call overhead",
				List.of(Column.microsWithError(), Column.number("ratio to direct LockManager call", "ratio"),
						Column.number("ratio to @FileLocked call", "ratioToAnnotated")));
		table(out, workloads.get("W6"), "W6 8 threads, one JVM", List.of(
				Column.number("acquisitions/s", "throughputPerSecond"), Column.number("ratio to ReentrantLock+flock", "ratio")));
		table(out, workloads.get("W7"), starvationTitle(workloads.get("W7")), STARVATION);
		List<Column> postgres = List.of(Column.number("throughput/s", "throughputPerSecond"),
				Column.number("ratio to pg_advisory_lock", "ratio"), Column.number("ratio to JdbcLockRegistry",
						"ratioToRegistry"), Column.number("wait p50 ms", "waitP50Millis"),
				Column.number("p99 ms", "waitP99Millis"), Column.number("max ms", "waitMaxMillis"),
				Column.number("timeouts", "timeouts"), Column.number("fairness", "fairness"),
				Column.number("hand-offs", "handOffs"));
		table(out, workloads.get("P1"), "P1 (W1 on PostgreSQL) tight loop", postgres);
		table(out, workloads.get("P2"), "P2 (W2 on PostgreSQL) 1 ms work between increments", postgres);
		table(out, workloads.get("P3"), "P3 (W3 on PostgreSQL) crash hand-off, JVM holder",
				List.of(Column.number("p50 ms", "p50Millis"), Column.number("ratio to pg_advisory_lock", "ratio"),
						Column.number("max ms", "maxMillis"), Column.number("trials", "trials")));
		table(out, workloads.get("P4"), "P4 (W4 on PostgreSQL) uncontended acquire+release",
				List.of(Column.microsWithError(), Column.number("ratio to pg_try_advisory_lock + unlock", "ratio"),
						Column.target("≤ " + Jmh.POSTGRES_UNCONTENDED_TARGET + "×", "withinTarget")));
		return out.toString();
	}

	@SuppressWarnings("unchecked")
	private static String starvationTitle(Object workload) {
		if (!(workload instanceof List<?> rows) || rows.isEmpty()) {
			return "";
		}
		Map<String, Object> first = (Map<String, Object>) rows.get(0);
		return "W7 " + first.get("threads") + " threads of one JVM, " + first.get("seconds") + " s, "
				+ first.get("timeoutMillis") + " ms timeout, ~1 ms hold";
	}

	/**
	 * A table of one workload's rows, one per variant; nothing if it did not run.
	 */
	@SuppressWarnings("unchecked")
	private static void table(StringBuilder out, Object workload, String title, List<Column> columns) {
		if (!(workload instanceof List<?> rows)) {
			return;
		}
		out.append("| ").append(title);
		columns.forEach((column) -> out.append(" | ").append(column.heading()));
		out.append(" |\n|---");
		columns.forEach((column) -> out.append(column.numeric() ? "|---:" : "|---"));
		out.append("|\n");
		for (Object item : rows) {
			Map<String, Object> row = (Map<String, Object>) item;
			out.append("| ").append(row.get("variant"));
			columns.forEach((column) -> out.append(" | ").append(column.value().apply(row)));
			out.append(" |\n");
		}
		out.append('\n');
	}

	/**
	 * The line of a workload that was skipped or is pending, in place of its table.
	 */
	private static void status(StringBuilder out, Object workload, String name) {
		if (workload instanceof Map<?, ?> status) {
			out.append(name).append(": ").append(status.get("status")).append(" (").append(status.get("reason"))
				.append(")\n\n");
		}
	}

	private record Column(String heading, Function<Map<String, Object>, Object> value, boolean numeric) {

		static Column number(String heading, String key) {
			return new Column(heading, (row) -> row.getOrDefault(key, ""), true);
		}

		static Column text(String heading, String key) {
			return new Column(heading, (row) -> row.get(key), false);
		}

		/**
		 * A text only some rows have (such as the binding of the library's rows).
		 */
		static Column optionalText(String heading, String key) {
			return new Column(heading, (row) -> row.getOrDefault(key, ""), false);
		}

		/**
		 * Whether a row meets its target: yes or no, blank for rows that have none.
		 */
		static Column target(String heading, String key) {
			return new Column(heading, (row) -> row.containsKey(key) ? (Boolean.TRUE.equals(row.get(key)) ? "yes" : "no")
					: "", false);
		}

		/**
		 * The score and JMH's error, which is none (null in the JSON) when too few
		 * iterations were measured for one, as with {@code --quick}.
		 */
		static Column microsWithError() {
			return new Column("µs/op", (row) -> row.get("microsPerOp") + (isNumber(row.get("error"))
					? " ± " + row.get("error") : ""), true);
		}

		private static boolean isNumber(@Nullable Object value) {
			return value instanceof Number number && !Double.isNaN(number.doubleValue());
		}

	}

}
