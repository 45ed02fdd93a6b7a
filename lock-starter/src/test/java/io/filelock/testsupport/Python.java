package io.filelock.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Python interpreter that has a given module (the system's, where a version manager's
 * {@code python3} on the path lacks the distribution's packages), to run the lock
 * libraries other programs use. Tests that need one are skipped, with the reason shown,
 * where none has the module.
 */
public final class Python {

	private final String interpreter;

	private Python(String interpreter) {
		this.interpreter = interpreter;
	}

	/**
	 * An interpreter that can import {@code module}, or the test is skipped.
	 * @param module such as {@code filelock} (Debian's python3-filelock)
	 */
	public static Python with(String module) {
		List<String> candidates = new ArrayList<>(List.of("/usr/bin/python3"));
		Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.map((directory) -> Path.of(directory, "python3"))
			.filter(Files::isExecutable)
			.map(Path::toString)
			.forEach(candidates::add);
		for (String candidate : candidates) {
			if (Files.isExecutable(Path.of(candidate)) && imports(candidate, module)) {
				return new Python(candidate);
			}
		}
		assumeTrue(false, "no python3 with the module '" + module + "' (Debian: apt-get install python3-" + module
				+ "): not tested");
		throw new IllegalStateException();
	}

	private static boolean imports(String interpreter, String module) {
		try {
			Process process = new ProcessBuilder(interpreter, "-c", "import " + module).redirectErrorStream(true)
				.start();
			process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	/**
	 * Runs {@code script} with {@code arguments} and waits for it.
	 * @return what it printed
	 */
	public String run(String script, String... arguments) throws IOException, InterruptedException {
		Process process = start(script, arguments);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
		assertThat(process.exitValue()).as("python exit; output: " + output).isZero();
		return output;
	}

	/**
	 * Starts {@code script}, and returns once it printed {@code ready}; it ends when
	 * destroyed.
	 */
	public Process startUntilReady(String script, String... arguments) throws IOException {
		Process process = start(script, arguments);
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = output.readLine();
		if (!"ready".equals(line)) {
			process.destroyForcibly();
			throw new AssertionError("python said '" + line + "' instead of 'ready'");
		}
		return process;
	}

	private Process start(String script, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.interpreter, "-c", script));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

}
