package io.filelock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The suite's command line, checked: every mistake is an {@link IllegalArgumentException}
 * that names the option and the value.
 * <p>
 * Options: {@code --quick} (smaller runs, for a first look), {@code --only W1,W3}
 * (some workloads), {@code --rounds n} (W1/W2 runs per variant, interleaved, median kept;
 * 1 by default), {@code --variants library,flock-blocking} (some of the cross-process
 * variants of W1, W2 and W3; all by default), {@code --w7-seconds n} and
 * {@code --w7-threads n} (W7's measured time, 10 s or 5 s with {@code --quick}, and its
 * threads, 8), {@code --label text} (recorded in the results and their file name),
 * {@code --out directory} (default {@code lock-benchmarks/results}).
 * <p>
 * {@code --against-jar file} compares two builds of the starter: this suite's and that
 * jar's (see {@link TwoBuilds}); {@code --rounds n} is then the number of rounds of the
 * two builds (2 by default), and {@code --against-name text} names the jar's build in the
 * results (its file name by default). {@code run.sh --against git-ref} builds the jar.
 */
final class SuiteOptions {

	static final List<String> WORKLOADS = List.of("W1", "W2", "W1x", "W3", "W4", "W5", "W6", "W7");

	/**
	 * The workloads of the postgres backend, run only when named in {@code --only}: W1,
	 * W2, W3 and W4 on a PostgreSQL server that the suite starts.
	 */
	static final List<String> POSTGRES_WORKLOADS = List.of("P1", "P2", "P3", "P4");

	private static final List<String> ALL_WORKLOADS = java.util.stream.Stream
		.concat(WORKLOADS.stream(), POSTGRES_WORKLOADS.stream())
		.toList();

	private static final String USAGE = "--quick, --only " + String.join(",", ALL_WORKLOADS) + ", --rounds n, --variants "
			+ String.join(",", Contender.CROSS_PROCESS) + ", --w7-seconds n, --w7-threads n, --label text, --out directory"
			+ ", --against-jar file, --against-name text";

	/** What each build's suite repeats when two builds are compared: what to run, and how much. */
	private static final Set<String> FOR_EACH_BUILD = Set.of("--quick", "--only", "--variants", "--w7-seconds",
			"--w7-threads");

	boolean quick;

	Set<String> only = new LinkedHashSet<>();

	String label = "";

	Path out = Path.of("lock-benchmarks", "results");

	int rounds;

	List<String> variants = Contender.defaultVariants();

	/** W7's measured time; 0 for the default of the size (10 s, 5 s with {@code --quick}). */
	int w7Seconds;

	int w7Threads = 8;

	/** The starter jar of the other build to compare with, if any. */
	@Nullable Path againstJar;

	String againstName = "";

	/** The options each build's suite is given when two builds are compared. */
	List<String> forEachBuild = new ArrayList<>();

	boolean runs(String workload) {
		return this.only.contains(workload) || (this.only.isEmpty() && WORKLOADS.contains(workload));
	}

	static SuiteOptions parse(String[] args) {
		SuiteOptions options = new SuiteOptions();
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			int first = i;
			switch (option) {
				case "--quick" -> options.quick = true;
				case "--only" -> options.only.addAll(someOf(ALL_WORKLOADS, valueOf(args, ++i, option), option));
				case "--label" -> options.label = valueOf(args, ++i, option);
				case "--out" -> options.out = Path.of(valueOf(args, ++i, option));
				case "--rounds" -> options.rounds = wholeNumber(valueOf(args, ++i, option), option);
				case "--w7-seconds" -> options.w7Seconds = wholeNumber(valueOf(args, ++i, option), option);
				case "--w7-threads" -> options.w7Threads = wholeNumber(valueOf(args, ++i, option), option);
				case "--variants" ->
					options.variants = someOf(Contender.CROSS_PROCESS, valueOf(args, ++i, option), option);
				case "--against-jar" -> options.againstJar = jar(valueOf(args, ++i, option), option);
				case "--against-name" -> options.againstName = valueOf(args, ++i, option);
				default -> throw new IllegalArgumentException("Unknown option '" + option + "': expected " + USAGE);
			}
			if (FOR_EACH_BUILD.contains(option)) {
				options.forEachBuild.addAll(Arrays.asList(args).subList(first, i + 1));
			}
		}
		Path against = options.againstJar;
		if (against == null && !options.againstName.isEmpty()) {
			throw new IllegalArgumentException(
					"Option --against-name '" + options.againstName + "' needs --against-jar: it names that build");
		}
		if (against != null && options.againstName.isEmpty()) {
			options.againstName = String.valueOf(against.getFileName());
		}
		return options;
	}

	private static Path jar(String value, String option) {
		if (!value.endsWith(".jar")) {
			throw new IllegalArgumentException("Invalid " + option + " '" + value + "': expected a .jar file");
		}
		Path jar = Path.of(value);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("Invalid " + option + " '" + value + "': no such file");
		}
		return jar;
	}

	private static String valueOf(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException("Option " + option + " needs a value: expected " + USAGE);
		}
		return args[index];
	}

	private static int wholeNumber(String value, String option) {
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("Invalid " + option + " '" + value + "': expected a whole number from 1");
	}

	private static List<String> someOf(List<String> known, String list, String option) {
		List<String> chosen = Arrays.asList(list.split(","));
		for (String name : chosen) {
			if (!known.contains(name)) {
				throw new IllegalArgumentException("Unknown '" + name + "' in " + option + ": expected some of "
						+ String.join(",", known));
			}
		}
		return chosen;
	}

}
