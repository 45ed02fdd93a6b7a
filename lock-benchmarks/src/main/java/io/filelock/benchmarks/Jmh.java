package io.filelock.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
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

	/**
	 * W4. On JDK 22 and later the library runs twice, in forks of their own: with the
	 * binding it selects (the Foreign Function &amp; Memory API), and as
	 * {@value Contender#LIBRARY_JNA} with JNA forced; the baselines call through JNA.
	 */
	static List<Map<String, Object>> uncontended(boolean quick) throws RunnerException {
		List<Map<String, Object>> rows = new ArrayList<>();
		String binding = Managers.defaultBinding();
		List<String> excluded = new ArrayList<>();
		if (Managers.both().isEmpty()) {
			BenchmarkSuite.progress("W4: the starter under test has no strategy BOTH; libraryBoth is not measured");
			excluded.add(UncontendedBenchmark.class.getName() + ".libraryBoth");
		}
		for (RunResult result : run(UncontendedBenchmark.class, ".*", quick, excluded)) {
			rows.add(uncontendedRow(result, "", binding));
		}
		if (Runtime.version().feature() >= 22) {
			for (RunResult result : run(UncontendedBenchmark.class, "library", quick,
					"-D" + Contender.BINDING_PROPERTY + "=jna")) {
				rows.add(uncontendedRow(result, "-jna", "jna"));
			}
		}
		for (String mode : List.of("EXCLUSIVE", "SHARED")) {
			List<Map<String, Object>> ofMode = rows.stream().filter((row) -> row.get("mode").equals(mode)).toList();
			BenchmarkSuite.ratios(ofMode, "microsPerOp", "rawFlock");
			BenchmarkSuite.ratios(ofMode, "microsPerOp", "syscallSequence", "ratioToSyscallSequence");
		}
		// the target is for the default strategy; libraryBoth takes two locks, and shows what that costs
		rows.stream().filter((row) -> row.get("variant").toString().matches("library(-jna)?")).forEach((row) -> row.put("withinTarget",
				(Double) row.get("ratioToSyscallSequence") <= UNCONTENDED_TARGET));
		return rows;
	}

	private static Map<String, Object> uncontendedRow(RunResult result, String suffix, String binding) {
		Map<String, Object> row = new LinkedHashMap<>();
		String benchmark = result.getParams().getBenchmark();
		String variant = benchmark.substring(benchmark.lastIndexOf('.') + 1);
		row.put("variant", variant + suffix);
		row.put("mode", result.getParams().getParam("mode"));
		row.put("binding", variant.startsWith("library") ? binding : variant.equals("fileChannel") ? "" : "jna");
		row.put("microsPerOp", Stats.round(result.getPrimaryResult().getScore(), 3));
		row.put("error", Stats.round(result.getPrimaryResult().getScoreError(), 3));
		return row;
	}

	/**
	 * The most P4's library may cost, as a multiple of the raw statements on a kept
	 * connection.
	 */
	static final double POSTGRES_UNCONTENDED_TARGET = 1.3;

	static List<Map<String, Object>> postgresUncontended(boolean quick) throws RunnerException {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (RunResult result : run(PostgresUncontendedBenchmark.class, ".*", quick)) {
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

	static List<Map<String, Object>> annotation(boolean quick) throws RunnerException, IOException {
		List<Map<String, Object>> rows = new ArrayList<>();
		List<String> excluded = new ArrayList<>();
		if (!AnnotationBenchmark.asynchronousSupported()) {
			BenchmarkSuite.progress("W5: the starter under test refuses asynchronous @FileLocked methods; "
					+ "annotatedAsync is not measured");
			excluded.add(AnnotationBenchmark.class.getName() + ".annotatedAsync");
		}
		for (RunResult result : run(AnnotationBenchmark.class, ".*", quick, excluded)) {
			Map<String, Object> row = new LinkedHashMap<>();
			String benchmark = result.getParams().getBenchmark();
			row.put("variant", benchmark.substring(benchmark.lastIndexOf('.') + 1));
			row.put("microsPerOp", Stats.round(result.getPrimaryResult().getScore(), 3));
			row.put("error", Stats.round(result.getPrimaryResult().getScoreError(), 3));
			rows.add(row);
		}
		BenchmarkSuite.ratios(rows, "microsPerOp", "direct");
		// the asynchronous call against the synchronous one, measured in the same run
		BenchmarkSuite.ratios(rows, "microsPerOp", "annotated", "ratioToAnnotated");
		return rows;
	}

	private static Collection<RunResult> run(Class<?> benchmark, String methods, boolean quick, String... jvmOptions)
			throws RunnerException {
		return run(benchmark, methods, quick, List.of(), jvmOptions);
	}

	/**
	 * Runs the benchmark methods whose names match {@code methods}, but for the
	 * {@code excluded} ones (fully qualified), with extra JVM options for the forks.
	 */
	private static Collection<RunResult> run(Class<?> benchmark, String methods, boolean quick, List<String> excluded,
			String... jvmOptions) throws RunnerException {
		ChainedOptionsBuilder builder = new OptionsBuilder().include(benchmark.getName() + "\\." + methods + "$");
		excluded.forEach((name) -> builder.exclude(Pattern.quote(name) + "$"));
		Options options = builder
			.forks(1)
			.warmupIterations(quick ? 1 : 2)
			.warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
			// 5 rather than 3: with 3 the 99.9% interval of the library's scores was about ±2.5 µs of 4–6
			.measurementIterations(quick ? 2 : 5)
			.measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
			.jvmArgsAppend(jvmArgs(jvmOptions))
			.shouldFailOnError(true)
			.build();
		return new Runner(options).run();
	}

	private static String[] jvmArgs(String... extra) {
		List<String> args = new ArrayList<>(List.of("-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED"));
		args.addAll(BenchmarkPostgres.childOptions());
		args.addAll(List.of(extra));
		return args.toArray(String[]::new);
	}

}
