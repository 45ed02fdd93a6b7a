package io.filelock.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The suite's command line, checked: every mistake is an {@link IllegalArgumentException}
 * that names the option and the value.
 * <p>
 * Options: {@code --quick} (smaller runs, for a first look), {@code --only W1,W3}
 * (some workloads), {@code --rounds n} (W1/W2 runs per variant, interleaved, median kept;
 * 1 by default), {@code --variants library,flock-blocking} (some of the cross-process
 * variants of W1, W2 and W3; all by default), {@code --w7-seconds n} and
 * {@code --w7-threads n} (W7's measured time, 10 s or 3 s with {@code --quick}, and its
 * threads, 8), {@code --label text} (recorded in the results and their file name),
 * {@code --out directory} (default {@code lock-benchmarks/results}).
 */
final class SuiteOptions {

	static final List<String> WORKLOADS = List.of("W1", "W2", "W1x", "W3", "W4", "W5", "W6", "W7");

	private static final String USAGE = "--quick, --only " + String.join(",", WORKLOADS) + ", --rounds n, --variants "
			+ String.join(",", Contender.CROSS_PROCESS) + ", --w7-seconds n, --w7-threads n, --label text, --out directory";

	boolean quick;

	Set<String> only = new LinkedHashSet<>();

	String label = "";

	Path out = Path.of("lock-benchmarks", "results");

	int rounds;

	List<String> variants = Contender.CROSS_PROCESS;

	/** W7's measured time; 0 for the default of the size (10 s, 3 s with {@code --quick}). */
	int w7Seconds;

	int w7Threads = 8;

	boolean runs(String workload) {
		return this.only.isEmpty() || this.only.contains(workload);
	}

	static SuiteOptions parse(String[] args) {
		SuiteOptions options = new SuiteOptions();
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--quick" -> options.quick = true;
				case "--only" -> options.only.addAll(someOf(WORKLOADS, valueOf(args, ++i, option), option));
				case "--label" -> options.label = valueOf(args, ++i, option);
				case "--out" -> options.out = Path.of(valueOf(args, ++i, option));
				case "--rounds" -> options.rounds = wholeNumber(valueOf(args, ++i, option), option);
				case "--w7-seconds" -> options.w7Seconds = wholeNumber(valueOf(args, ++i, option), option);
				case "--w7-threads" -> options.w7Threads = wholeNumber(valueOf(args, ++i, option), option);
				case "--variants" ->
					options.variants = someOf(Contender.CROSS_PROCESS, valueOf(args, ++i, option), option);
				default -> throw new IllegalArgumentException("Unknown option '" + option + "': expected " + USAGE);
			}
		}
		return options;
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
