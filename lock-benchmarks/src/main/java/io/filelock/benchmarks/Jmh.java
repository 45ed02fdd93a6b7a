package io.filelock.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH workloads and turns their scores into result rows with ratios.
 */
final class Jmh {

	/**
	 * The most W4's library may cost, as a multiple of the syscalls its guarantees need
	 * ({@link UncontendedBenchmark#syscallSequence}).
	 */
	static final double UNCONTENDED_TARGET = 1.2;

	private Jmh() {
	}

	static List<Map<String, Object>> uncontended(boolean quick) throws RunnerException {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (RunResult result : run(UncontendedBenchmark.class, quick)) {
			Map<String, Object> row = new LinkedHashMap<>();
			String benchmark = result.getParams().getBenchmark();
			row.put("variant", benchmark.substring(benchmark.lastIndexOf('.') + 1));
			row.put("mode", result.getParams().getParam("mode"));
			row.put("microsPerOp", Stats.round(result.getPrimaryResult().getScore(), 3));
			row.put("error", Stats.round(result.getPrimaryResult().getScoreError(), 3));
			rows.add(row);
		}
		for (String mode : List.of("EXCLUSIVE", "SHARED")) {
			List<Map<String, Object>> ofMode = rows.stream().filter((row) -> row.get("mode").equals(mode)).toList();
			BenchmarkSuite.ratios(ofMode, "microsPerOp", "rawFlock");
			BenchmarkSuite.ratios(ofMode, "microsPerOp", "syscallSequence", "ratioToSyscallSequence");
		}
		rows.stream().filter((row) -> row.get("variant").equals("library")).forEach((row) -> row.put("withinTarget",
				(Double) row.get("ratioToSyscallSequence") <= UNCONTENDED_TARGET));
		return rows;
	}

	/**
	 * The most P4's library may cost, as a multiple of the raw statements on a kept
	 * connection.
	 */
	static final double POSTGRES_UNCONTENDED_TARGET = 1.3;

	static List<Map<String, Object>> postgresUncontended(boolean quick) throws RunnerException {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (RunResult result : run(PostgresUncontendedBenchmark.class, quick)) {
			Map<String, Object> row = new LinkedHashMap<>();
			String benchmark = result.getParams().getBenchmark();
			row.put("variant", benchmark.substring(benchmark.lastIndexOf('.') + 1));
			row.put("microsPerOp", Stats.round(result.getPrimaryResult().getScore(), 3));
			row.put("error", Stats.round(result.getPrimaryResult().getScoreError(), 3));
			rows.add(row);
		}
		BenchmarkSuite.ratios(rows, "microsPerOp", "rawTryLockAndUnlock");
		rows.stream().filter((row) -> row.get("variant").equals("library")).forEach((row) -> row.put("withinTarget",
				(Double) row.get("ratio") <= POSTGRES_UNCONTENDED_TARGET));
		return rows;
	}

	static List<Map<String, Object>> annotation(boolean quick) throws RunnerException {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (RunResult result : run(AnnotationBenchmark.class, quick)) {
			Map<String, Object> row = new LinkedHashMap<>();
			String benchmark = result.getParams().getBenchmark();
			row.put("variant", benchmark.substring(benchmark.lastIndexOf('.') + 1));
			row.put("microsPerOp", Stats.round(result.getPrimaryResult().getScore(), 3));
			row.put("error", Stats.round(result.getPrimaryResult().getScoreError(), 3));
			rows.add(row);
		}
		BenchmarkSuite.ratios(rows, "microsPerOp", "direct");
		return rows;
	}

	private static String[] jvmArgs() {
		List<String> args = new ArrayList<>(List.of("-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED"));
		args.addAll(BenchmarkPostgres.childOptions());
		return args.toArray(String[]::new);
	}

	private static Collection<RunResult> run(Class<?> benchmark, boolean quick) throws RunnerException {
		Options options = new OptionsBuilder().include(benchmark.getName() + ".*")
			.forks(1)
			.warmupIterations(quick ? 1 : 2)
			.warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
			// 5 rather than 3: with 3 the 99.9% interval of the library's scores was about ±2.5 µs of 4–6
			.measurementIterations(quick ? 2 : 5)
			.measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
			.jvmArgsAppend(jvmArgs())
			.shouldFailOnError(true)
			.build();
		return new Runner(options).run();
	}

}
