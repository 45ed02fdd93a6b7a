package io.filelock.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Two builds of the starter measured in one sitting by this harness: the new one (the
 * starter in this JVM's class path) and the old one ({@code --against-jar}, put first on
 * the class path so that its classes are the ones loaded). Each round runs the suite once
 * per build, each in a JVM of its own with its own baselines, and the build that goes first
 * alternates from round to round, so that a burst of load on the machine does not fall on
 * one build only.
 * <p>
 * The harness is the same for both builds, so the old one is measured on the newest
 * workloads too. It calls the starter through {@link io.filelock.LockManager} and builds
 * managers reflectively ({@link Managers}); a run fails rather than mixing the builds if
 * the old jar lacks something the harness calls, and each run records where it loaded the
 * starter from, which is checked.
 */
final class TwoBuilds {

	private TwoBuilds() {
	}

	static void run(SuiteOptions options) throws Exception {
		Path oldJar = Objects.requireNonNull(options.againstJar, "no --against-jar").toAbsolutePath();
		int rounds = (options.rounds > 0) ? options.rounds : 2;
		List<Map<String, Object>> newRuns = new ArrayList<>();
		List<Map<String, Object>> oldRuns = new ArrayList<>();
		Path work = Files.createTempDirectory("file-lock-two-builds-");
		try {
			for (int round = 1; round <= rounds; round++) {
				boolean oldFirst = (round % 2 == 0);
				for (boolean old : oldFirst ? new boolean[] { true, false } : new boolean[] { false, true }) {
					String build = old ? "old" : "new";
					BenchmarkSuite.progress("round " + round + "/" + rounds + ", " + build + " build"
							+ (old ? " (" + options.againstName + ")" : ""));
					Map<String, Object> results = suite(options, old ? oldJar : null,
							work.resolve("round-" + round + "-" + build));
					checkStarter(results, old, oldJar);
					(old ? oldRuns : newRuns).add(results);
				}
			}
		}
		finally {
			BenchmarkSuite.deleteRecursively(work);
		}
		Map<String, Object> results = BenchmarkSuite.header(options);
		results.put("against", Map.of("name", options.againstName, "jar", ShownPaths.of(oldJar)));
		results.put("rounds", rounds);
		List<Map<String, Object>> comparison = Comparison.rows(newRuns, oldRuns);
		results.put("comparison", comparison);
		results.put("newRuns", newRuns);
		results.put("oldRuns", oldRuns);
		StringBuilder markdown = new StringBuilder();
		markdown.append(SummaryTable.render(results))
			.append("Two builds in one sitting, ")
			.append(rounds)
			.append((rounds == 1) ? " round" : " rounds, the build that runs first alternating")
			.append(". Old: ")
			.append(options.againstName)
			.append(", its starter `")
			.append(oldJar)
			.append("` first on the class path. New: this build, starter `")
			.append(newRuns.get(0).get("starter"))
			.append("`.\n\n")
			.append(Comparison.render(comparison));
		for (int round = 0; round < rounds; round++) {
			for (boolean old : new boolean[] { true, false }) {
				Map<String, Object> run = (old ? oldRuns : newRuns).get(round);
				markdown.append("### Round ").append(round + 1).append(", ")
					.append(old ? "old build (" + options.againstName + ")" : "new build")
					.append(", starter from `").append(run.get("starter")).append("`\n\n")
					.append(SummaryTable.render(run));
			}
		}
		BenchmarkSuite.write(options, "against-" + options.againstName, results, markdown.toString());
	}

	/**
	 * Runs the suite in a JVM of its own, with the old build's jar first on the class path
	 * if {@code oldJar} is given, and returns its results.
	 */
	private static Map<String, Object> suite(SuiteOptions options, @Nullable Path oldJar, Path out) throws Exception {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-XX:+IgnoreUnrecognizedVMOptions");
		command.add("--enable-native-access=ALL-UNNAMED");
		command.add("-cp");
		command.add((oldJar != null) ? oldJar + File.pathSeparator + classPath : classPath);
		command.add(BenchmarkSuite.class.getName());
		command.addAll(options.forEachBuild);
		command.addAll(List.of("--label", (oldJar != null) ? "old build" : "new build", "--out", out.toString()));
		int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException("The " + ((oldJar != null) ? "old" : "new") + " build's suite ended with "
					+ "exit code " + exit + " (its output is above)");
		}
		try (Stream<Path> files = Files.list(out)) {
			Path json = files.filter((file) -> file.toString().endsWith(".json"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no results in " + out));
			@SuppressWarnings("unchecked")
			Map<String, Object> results = (Map<String, Object>) JsonReader.read(Files.readString(json));
			return results;
		}
	}

	private static void checkStarter(Map<String, Object> results, boolean old, Path oldJar) {
		Object starter = results.get("starter");
		boolean fromOldJar;
		try {
			fromOldJar = Files.isSameFile(Path.of(String.valueOf(starter)), oldJar);
		}
		catch (IOException | InvalidPathException ex) {
			fromOldJar = false;
		}
		if (fromOldJar != old) {
			throw new IllegalStateException("The " + (old ? "old" : "new") + " build's suite loaded the starter from "
					+ starter + (old ? ", not from " + oldJar : ", the old build's jar"));
		}
	}

}
