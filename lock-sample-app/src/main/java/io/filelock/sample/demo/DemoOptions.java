package io.filelock.sample.demo;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The demo's command-line options: {@code --processes=4 --increments=1000 --work-dir=…}.
 *
 * @param processes the processes that race on the counter file
 * @param increments the increments each process makes
 * @param workDirectory where the counter files, lock files and samples go; a new temporary
 * directory, deleted at the end, when {@code null}
 * @param backend where the locked round's locks are held: {@code file} or {@code postgres}
 * (the server of {@code file-lock.postgres.*}, which {@code demo.sh} sets through the
 * environment)
 */
record DemoOptions(int processes, int increments, @Nullable Path workDirectory, String backend) {

	static final String USAGE = """
			Usage: demo [--processes=N] [--increments=K] [--work-dir=DIR] [--backend=file|postgres]
			  --processes=N   processes racing on one counter file (default 4, 1 to 64)
			  --increments=K  increments each process makes (default 1000, 1 to 1000000)
			  --work-dir=DIR  keep the counter, lock and samples files in DIR (default: a temporary directory)
			  --backend=B     lock files (file, the default) or PostgreSQL advisory locks (postgres)""";

	DemoOptions(int processes, int increments, @Nullable Path workDirectory) {
		this(processes, increments, workDirectory, "file");
	}

	static DemoOptions parse(String... args) {
		int processes = 4;
		int increments = 1000;
		Path workDirectory = null;
		String backend = "file";
		for (String arg : args) {
			if (arg.startsWith("--processes=")) {
				processes = number(arg, 1, 64);
			}
			else if (arg.startsWith("--increments=")) {
				increments = number(arg, 1, 1_000_000);
			}
			else if (arg.startsWith("--work-dir=") && arg.length() > "--work-dir=".length()) {
				workDirectory = Path.of(arg.substring("--work-dir=".length()));
			}
			else if (arg.equals("--backend=file") || arg.equals("--backend=postgres")) {
				backend = arg.substring("--backend=".length());
			}
			else if (arg.startsWith("--backend=")) {
				throw new IllegalArgumentException("Invalid option '" + arg + "': the backend is file or postgres");
			}
			else {
				throw new IllegalArgumentException("Unknown option '" + arg + "'");
			}
		}
		return new DemoOptions(processes, increments, workDirectory, backend);
	}

	private static int number(String arg, int min, int max) {
		String value = arg.substring(arg.indexOf('=') + 1).replace("_", "").replace(",", "");
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				"Invalid option '" + arg + "': must be a whole number from " + min + " to " + max);
	}

}
