package io.filelock.benchmarks;

import java.nio.file.Path;

/**
 * Paths as the results files show them: relative to the directory the suite runs in (the
 * repository, when {@code run.sh} starts it), so that results name no directory of the
 * machine they were measured on.
 */
final class ShownPaths {

	private static final String TEMPORARY = System.getProperty("java.io.tmpdir");

	private ShownPaths() {
	}

	/**
	 * {@code path} relative to the working directory if it lies below it, else its file
	 * name alone.
	 */
	static String of(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		Path here = Path.of("").toAbsolutePath();
		return absolute.startsWith(here) ? here.relativize(absolute).toString() : String.valueOf(absolute.getFileName());
	}

	/**
	 * {@code text} with the temporary directory written as {@code ${java.io.tmpdir}}.
	 */
	static String withoutTemporaryDirectory(String text) {
		return (TEMPORARY == null || TEMPORARY.isEmpty()) ? text : text.replace(TEMPORARY, "${java.io.tmpdir}");
	}

}
