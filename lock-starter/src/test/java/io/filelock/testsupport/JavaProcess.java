package io.filelock.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A main class of the test class path run to its end in a JVM of its own, started by
 * {@code sh} with a umask of its own (the umask belongs to the process, so this is the
 * way to run code under another one), and what it printed.
 */
public final class JavaProcess {

	private static final Duration PATIENCE = Duration.ofSeconds(120);

	private JavaProcess() {
	}

	/**
	 * Runs {@code mainClass} with {@code arguments} under {@code umask} (such as
	 * {@code 077}) and returns once it has ended.
	 * @param jvmOptions options of the JVM, such as {@code -Djava.io.tmpdir=…}
	 * @throws AssertionError if it does not end within two minutes
	 */
	public static Result run(String umask, List<String> jvmOptions, Class<?> mainClass, String... arguments)
			throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to set the umask of a child JVM");
		List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask \"$1\" && shift && exec \"$@\"", "sh",
				umask, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-Xshare:auto"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile("java-process-", ".out");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				throw new AssertionError(mainClass.getName() + " did not end within " + PATIENCE + ": "
						+ Files.readString(output, StandardCharsets.UTF_8));
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/**
	 * How a process ended.
	 *
	 * @param exit its exit status
	 * @param output what it printed, standard output and error together
	 */
	public record Result(int exit, String output) {

		@Override
		public String toString() {
			return "exit " + this.exit + ":" + System.lineSeparator() + this.output;
		}

	}

}
