package io.filelock.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * Renders the results as the Markdown table of the README.
 */
final class SummaryTable {

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
		Map<String, Object> workloads = (Map<String, Object>) results.get("workloads");
		for (String workload : List.of("W1", "W2", "W1x")) {
			if (workloads.get(workload) instanceof List<?> rows) {
				out.append("| ").append(workload).append(" ").append(describe(workload))
					.append(" | throughput/s | ratio to flock | wait p50 ms | p99 ms | max ms | timeouts | fairness |\n");
				out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
				for (Object item : rows) {
					Map<String, Object> row = (Map<String, Object>) item;
					out.append("| ").append(row.get("variant")).append(" | ").append(row.get("throughputPerSecond"))
						.append(" | ").append(row.getOrDefault("ratio", "")).append(" | ").append(row.get("waitP50Millis"))
						.append(" | ").append(row.get("waitP99Millis")).append(" | ").append(row.get("waitMaxMillis"))
						.append(" | ").append(row.get("timeouts")).append(" | ").append(row.get("fairness")).append(" |\n");
				}
				out.append('\n');
			}
		}
		crashHandOff(out, workloads.get("W3"), "W3 crash hand-off, JVM holder");
		crashHandOff(out, workloads.get("W3py"), "W3 crash hand-off, Python holder");
		if (workloads.get("W3py") instanceof Map<?, ?> skipped) {
			out.append("W3 with a Python holder: ").append(skipped.get("status")).append(" (")
				.append(skipped.get("reason")).append(")\n\n");
		}
		if (workloads.get("W4") instanceof List<?> rows) {
			out.append("| W4 uncontended acquire+release | mode | µs/op | ratio to raw flock |\n|---|---|---:|---:|\n");
			for (Object item : rows) {
				Map<String, Object> row = (Map<String, Object>) item;
				out.append("| ").append(row.get("variant")).append(" | ").append(row.get("mode")).append(" | ")
					.append(row.get("microsPerOp")).append(" ± ").append(row.get("error")).append(" | ")
					.append(row.get("ratio")).append(" |\n");
			}
			out.append('\n');
		}
		if (workloads.get("W5") instanceof Map<?, ?> pending) {
			out.append("W5: ").append(pending.get("status")).append(" (").append(pending.get("reason")).append(")\n\n");
		}
		else if (workloads.get("W5") instanceof List<?> rows) {
			out.append("| W5 call overhead | µs/op | ratio to direct LockManager call |\n|---|---:|---:|\n");
			for (Object item : rows) {
				Map<String, Object> row = (Map<String, Object>) item;
				out.append("| ").append(row.get("variant")).append(" | ").append(row.get("microsPerOp")).append(" ± ")
					.append(row.get("error")).append(" | ").append(row.get("ratio")).append(" |\n");
			}
			out.append('\n');
		}
		if (workloads.get("W6") instanceof List<?> rows) {
			out.append("| W6 8 threads, one JVM | acquisitions/s | ratio to ReentrantLock+flock |\n|---|---:|---:|\n");
			for (Object item : rows) {
				Map<String, Object> row = (Map<String, Object>) item;
				out.append("| ").append(row.get("variant")).append(" | ").append(row.get("throughputPerSecond"))
					.append(" | ").append(row.get("ratio")).append(" |\n");
			}
			out.append('\n');
		}
		return out.toString();
	}

	private static String describe(String workload) {
		return switch (workload) {
			case "W1" -> "tight loop";
			case "W2" -> "1 ms work between increments";
			default -> "tight loop, 4×5,000, 5 s timeout";
		};
	}

	@SuppressWarnings("unchecked")
	private static void crashHandOff(StringBuilder out, Object workload, String title) {
		if (!(workload instanceof List<?> rows)) {
			return;
		}
		out.append("| ").append(title).append(" | p50 ms | ratio to flock | max ms | trials |\n|---|---:|---:|---:|---:|\n");
		for (Object item : rows) {
			Map<String, Object> row = (Map<String, Object>) item;
			out.append("| ").append(row.get("variant")).append(" | ").append(row.get("p50Millis")).append(" | ")
				.append(row.get("ratio")).append(" | ").append(row.get("maxMillis")).append(" | ")
				.append(row.get("trials")).append(" |\n");
		}
		out.append('\n');
	}

}
