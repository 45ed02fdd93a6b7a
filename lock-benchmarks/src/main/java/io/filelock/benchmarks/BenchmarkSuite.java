package io.filelock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the workloads of the performance issue with their baselines in the same run,
 * writes the figures and their ratios as JSON and prints a Markdown table. The command
 * line is {@link SuiteOptions}.
 */
public final class BenchmarkSuite {

	private BenchmarkSuite() {
	}

	public static void main(String[] args) throws Exception {
		SuiteOptions options;
		try {
			options = SuiteOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		if (options.againstJar != null) {
			TwoBuilds.run(options);
			return;
		}
		Map<String, Object> results = run(options);
		write(options, "", results, SummaryTable.render(results));
	}

	/**
	 * What every result file starts with: the run's label, size, date and machine, and
	 * the starter measured.
	 */
	static Map<String, Object> header(SuiteOptions options) {
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("label", options.label);
		results.put("quick", options.quick);
		results.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		results.put("machine", Machine.describe());
		results.put("starter", Managers.starterLocation());
		return results;
	}

	/**
	 * Writes {@code <date>[-quick][-kind][-label].json} and the Markdown beside it in the
	 * output directory, and prints the Markdown.
	 */
	static void write(SuiteOptions options, String kind, Map<String, Object> results, String markdown)
			throws IOException {
		String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		String name = stamp + (options.quick ? "-quick" : "") + (kind.isEmpty() ? "" : "-" + slug(kind))
				+ (options.label.isEmpty() ? "" : "-" + slug(options.label));
		Files.createDirectories(options.out);
		Path json = options.out.resolve(name + ".json");
		Files.writeString(json, Json.write(results));
		Files.writeString(options.out.resolve(name + ".md"), markdown);
		System.out.println(markdown);
		System.out.println("Results: " + json);
	}

	private static Map<String, Object> run(SuiteOptions options) throws Exception {
		Path work = Files.createTempDirectory("file-lock-benchmarks-");
		Map<String, Object> results = header(options);
		Map<String, Object> workloads = new LinkedHashMap<>();
		results.put("workloads", workloads);
		Sizes sizes = options.quick ? Sizes.QUICK : Sizes.FULL;
		if (options.rounds > 0) {
			sizes = new Sizes(sizes.increments, options.rounds, sizes.longIncrements, sizes.trials, sizes.perThread,
					sizes.w7Seconds);
		}
		results.put("rounds", sizes.rounds);
		try {
			ContentionRun contention = new ContentionRun(work);
			if (options.runs("W1")) {
				workloads.put("W1", contention(contention, options.variants, sizes.increments, 0, Duration.ofSeconds(5),
						sizes.rounds, Contender.FLOCK));
			}
			if (options.runs("W2")) {
				workloads.put("W2", contention(contention, options.variants, sizes.increments, 1000,
						Duration.ofSeconds(5), sizes.rounds, Contender.FLOCK));
			}
			if (SuiteOptions.POSTGRES_WORKLOADS.stream().anyMatch(options::runs)) {
				postgres(options, sizes, contention, work, workloads, results);
			}
			if (options.runs("W1x") && sizes.longIncrements > 0) {
				List<Object> rows = new ArrayList<>();
				for (String variant : List.of(Contender.LIBRARY, Contender.SEED_POLL)) {
					progress("W1x " + variant);
					rows.add(contention.run(variant, 4, sizes.longIncrements, 0, Duration.ofSeconds(5)));
				}
				workloads.put("W1x", rows);
			}
			if (options.runs("W3")) {
				CrashHandOff handOff = new CrashHandOff(work);
				workloads.put("W3", crashHandOffs(handOff, options.variants, sizes.trials, CrashHandOff.Holder.JVM,
						Contender.FLOCK));
				workloads.put("W3py", CrashHandOff.pythonAvailable()
						? crashHandOffs(handOff, options.variants, sizes.trials, CrashHandOff.Holder.PYTHON, Contender.FLOCK)
						: Map.of("status", "skipped", "reason", "python3 was not found"));
			}
			if (options.runs("W4")) {
				progress("W4 (JMH)");
				workloads.put("W4", Jmh.uncontended(options.quick));
			}
			if (options.runs("W5")) {
				progress("W5 (JMH)");
				workloads.put("W5", Jmh.annotation(options.quick));
			}
			if (options.runs("W6")) {
				ThreadContention threads = new ThreadContention(work);
				List<Map<String, Object>> rows = new ArrayList<>();
				for (String variant : List.of(ThreadContention.LIBRARY, ThreadContention.BASELINE)) {
					progress("W6 " + variant);
					rows.add(threads.run(variant, 8, sizes.perThread, 3));
				}
				ratios(rows, "throughputPerSecond", ThreadContention.BASELINE);
				workloads.put("W6", rows);
			}
			if (options.runs("W7")) {
				workloads.put("W7", starvation(new ThreadStarvation(work), options, sizes));
			}
		}
		finally {
			deleteRecursively(work);
		}
		return results;
	}

	/**
	 * P1–P4 on a PostgreSQL server started for them: W1 and W2 (fewer increments: a
	 * JdbcLockRegistry waiter polls every 100 ms), the crash hand-off with a JVM holder,
	 * and the uncontended acquire and release, each against the raw statements in the same
	 * run.
	 */
	private static void postgres(SuiteOptions options, Sizes sizes, ContentionRun contention, Path work,
			Map<String, Object> workloads, Map<String, Object> results) throws Exception {
		try (BenchmarkPostgres postgres = BenchmarkPostgres.start()) {
			results.put("postgres", postgres.describe());
			int increments = options.quick ? 200 : 500;
			if (options.runs("P1")) {
				List<Map<String, Object>> rows = contention(contention, PostgresContenders.ALL, increments, 0,
						Duration.ofSeconds(5), sizes.rounds, PostgresContenders.BLOCKING);
				ratios(rows, "throughputPerSecond", PostgresContenders.REGISTRY, "ratioToRegistry");
				workloads.put("P1", rows);
			}
			if (options.runs("P2")) {
				List<Map<String, Object>> rows = contention(contention, PostgresContenders.ALL, increments, 1000,
						Duration.ofSeconds(5), sizes.rounds, PostgresContenders.BLOCKING);
				ratios(rows, "throughputPerSecond", PostgresContenders.REGISTRY, "ratioToRegistry");
				workloads.put("P2", rows);
			}
			if (options.runs("P3")) {
				workloads.put("P3", crashHandOffs(new CrashHandOff(work),
						List.of(PostgresContenders.LIBRARY, PostgresContenders.BLOCKING), sizes.trials,
						CrashHandOff.Holder.JVM, PostgresContenders.BLOCKING));
			}
			if (options.runs("P4")) {
				workloads.put("P4", postgresUncontended(options.quick, sizes.rounds));
			}
		}
	}

	/**
	 * P4 {@code rounds} times (JMH measures one benchmark after the other, so a burst of
	 * load falls on one of them): the round of median ratio is kept, with every round's
	 * ratio.
	 */
	private static List<Map<String, Object>> postgresUncontended(boolean quick, int rounds) throws Exception {
		List<List<Map<String, Object>>> runs = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			progress("P4 (JMH) round " + round + "/" + rounds);
			runs.add(Jmh.postgresUncontended(quick));
		}
		List<Double> ratios = runs.stream().map(BenchmarkSuite::libraryRatio).toList();
		List<List<Map<String, Object>>> sorted = new ArrayList<>(runs);
		sorted.sort((a, b) -> Double.compare(libraryRatio(a), libraryRatio(b)));
		List<Map<String, Object>> median = sorted.get(sorted.size() / 2);
		median.stream()
			.filter((row) -> row.get("variant").equals("library"))
			.forEach((row) -> row.put("ratioRuns", ratios));
		return median;
	}

	private static double libraryRatio(List<Map<String, Object>> rows) {
		return rows.stream()
			.filter((row) -> row.get("variant").equals("library"))
			.mapToDouble((row) -> ((Number) row.get("ratio")).doubleValue())
			.findFirst()
			.orElse(Double.NaN);
	}

	/**
	 * Runs every variant {@code rounds} times, interleaved, so that a burst of load on a
	 * shared machine does not fall on one variant only, and keeps each variant's run of
	 * median throughput.
	 */
	private static List<Map<String, Object>> contention(ContentionRun contention, List<String> variants,
			int increments, long workMicros, Duration timeout, int rounds, String baseline) throws Exception {
		Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			for (String variant : variants) {
				progress((workMicros == 0 ? "W1 " : "W2 ") + variant + " round " + (round + 1) + "/" + rounds);
				runs.computeIfAbsent(variant, (key) -> new ArrayList<>())
					.add(contention.run(variant, 4, increments, workMicros, timeout));
			}
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		runs.forEach((variant, ofVariant) -> {
			List<Map<String, Object>> sorted = new ArrayList<>(ofVariant);
			sorted.sort((a, b) -> Double.compare(throughput(a), throughput(b)));
			Map<String, Object> median = sorted.get(sorted.size() / 2);
			median.put("throughputRuns", ofVariant.stream().map(BenchmarkSuite::throughput).toList());
			median.put("timeoutsAllRuns", ofVariant.stream().mapToInt((run) -> (Integer) run.get("timeouts")).sum());
			median.put("fairnessMinAllRuns",
					ofVariant.stream().mapToDouble((run) -> (Double) run.get("fairness")).min().orElse(Double.NaN));
			rows.add(median);
		});
		ratios(rows, "throughputPerSecond", baseline);
		return rows;
	}

	/**
	 * W7 for the library and both kinds of {@link java.util.concurrent.locks.ReentrantLock}.
	 */
	private static List<Map<String, Object>> starvation(ThreadStarvation starvation, SuiteOptions options,
			Sizes sizes) throws Exception {
		Duration duration = Duration.ofSeconds((options.w7Seconds > 0) ? options.w7Seconds : sizes.w7Seconds);
		Duration warmUp = Duration.ofMillis(options.quick ? 500 : 1000);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (String variant : ThreadStarvation.VARIANTS) {
			progress("W7 " + variant + ", " + options.w7Threads + " threads, " + duration.toSeconds() + " s");
			rows.add(starvation.run(variant, options.w7Threads, duration, warmUp));
		}
		ratios(rows, "acquisitions", ThreadStarvation.REENTRANT);
		return rows;
	}

	/**
	 * W3 for every variant, with the given kind of holder.
	 */
	private static List<Map<String, Object>> crashHandOffs(CrashHandOff handOff, List<String> variants, int trials,
			CrashHandOff.Holder holder, String baseline) throws Exception {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (String variant : variants) {
			progress("W3 " + variant + ", " + holder + " holder");
			rows.add(handOff.run(variant, trials, holder));
		}
		ratios(rows, "p50Millis", baseline);
		return rows;
	}

	private static double throughput(Map<String, Object> run) {
		return ((Number) run.get("throughputPerSecond")).doubleValue();
	}

	static void ratios(List<Map<String, Object>> rows, String figure, String baseline) {
		rows.forEach((row) -> row.put("ratioTo", baseline));
		ratios(rows, figure, baseline, "ratio");
	}

	/**
	 * Puts each row's {@code figure} divided by the baseline row's as {@code ratioKey}.
	 */
	static void ratios(List<Map<String, Object>> rows, String figure, String baseline, String ratioKey) {
		double base = rows.stream()
			.filter((row) -> row.get("variant").equals(baseline))
			.mapToDouble((row) -> ((Number) row.get(figure)).doubleValue())
			.findFirst()
			.orElse(Double.NaN);
		for (Map<String, Object> row : rows) {
			row.put(ratioKey, Stats.ratio(((Number) row.get(figure)).doubleValue(), base));
		}
	}

	static void progress(String what) {
		System.err.println("[benchmarks] " + what);
	}

	static String slug(String label) {
		return label.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

	static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted((a, b) -> b.compareTo(a)).forEach((path) -> path.toFile().delete());
		}
	}

	private record Sizes(int increments, int rounds, int longIncrements, int trials, int perThread, int w7Seconds) {

		static final Sizes FULL = new Sizes(2000, 1, 5000, 15, 25_000, 10);

		static final Sizes QUICK = new Sizes(500, 1, 0, 5, 5000, 5);

	}

}
