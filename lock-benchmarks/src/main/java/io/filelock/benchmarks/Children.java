package io.filelock.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVMs running one of the benchmark's {@code main} classes on this JVM's class
 * path, talking in lines over standard input and output.
 */
final class Children {

	private Children() {
	}

	static Child start(Class<?> main, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-XX:+UseSerialGC");
		command.add("-Xmx128m");
		command.add("-XX:+IgnoreUnrecognizedVMOptions");
		command.add("--enable-native-access=ALL-UNNAMED");
		command.addAll(BenchmarkPostgres.childOptions());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		command.addAll(List.of(args));
		return start(command);
	}

	/**
	 * Starts any command that talks in lines over standard input and output.
	 */
	static Child start(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		return new Child(process);
	}

	static final class Child implements AutoCloseable {

		final Process process;

		private final BufferedReader out;

		private final PrintWriter in;

		Child(Process process) {
			this.process = process;
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		}

		/**
		 * Reads lines until one starts with {@code prefix}, and returns it.
		 */
		String expect(String prefix) throws IOException {
			while (true) {
				String line = this.out.readLine();
				if (line == null) {
					throw new IOException("child " + this.process.pid() + " ended before printing '" + prefix + "'");
				}
				if (line.startsWith(prefix)) {
					return line;
				}
			}
		}

		void send(String line) {
			this.in.println(line);
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor();
		}

	}

}
