package io.filelock.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by a test to run a main class of the test class path. Test and child
 * synchronise through lines: the child marks its protocol lines with {@value #MARK},
 * everything else it prints (logging) is ignored, but kept ({@link #output()}).
 */
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
public final class ChildJvm implements AutoCloseable {

	/** What a child's protocol lines start with. */
	public static final String MARK = "@@ ";

	private final Process process;

	private final PrintWriter input;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	/** Everything it printed on its standard output, logging included. */
	private final List<String> output = new CopyOnWriteArrayList<>();

	private ChildJvm(Process process) {
		this.process = process;
		this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readOutput, "child-" + process.pid() + "-stdout");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Starts a main class of the test class path, which marks its protocol lines with
	 * {@value #MARK}.
	 */
	public static ChildJvm start(Class<?> mainClass, String... arguments) throws IOException {
		return start(mainClass, List.of(), arguments);
	}

	/**
	 * Starts a main class of the test class path with JVM options of its own (such as
	 * {@code -Dname=value}).
	 */
	public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, String... arguments)
			throws IOException {
		return start(List.of(), mainClass, jvmOptions, arguments);
	}

	/**
	 * Starts a main class through a command that runs it elsewhere, such as
	 * {@code ip netns exec NAME}.
	 */
	public static ChildJvm start(List<String> prefix, Class<?> mainClass, List<String> jvmOptions,
			String... arguments) throws IOException {
		return start(prefix, jvmOptions, System.getProperty("java.class.path"), mainClass, arguments);
	}

	/**
	 * Starts a main class with JVM options of its own (unknown ones are ignored, so that
	 * an option of a later JDK may be given to every JDK) and a class path of its own,
	 * such as the test class path without a library.
	 */
	public static ChildJvm start(List<String> jvmOptions, String classPath, Class<?> mainClass, String... arguments)
			throws IOException {
		return start(List.of(), jvmOptions, classPath, mainClass, arguments);
	}

	private static ChildJvm start(List<String> prefix, List<String> jvmOptions, String classPath, Class<?> mainClass,
			String... arguments) throws IOException {
		List<String> command = new ArrayList<>(prefix);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, mainClass.getName()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		return new ChildJvm(builder.start());
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.output.add(line);
				if (line.startsWith(MARK)) {
					this.lines.add(line.substring(MARK.length()));
				}
			}
		}
		catch (IOException ex) {
			// the child is gone
		}
	}

	/**
	 * Waits for the child's next protocol line.
	 * @throws AssertionError if none comes in time
	 */
	public String nextLine(Duration timeout) throws InterruptedException {
		String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (line == null) {
			throw new AssertionError("Child JVM " + pid() + " (alive: " + this.process.isAlive()
					+ ") printed nothing within " + timeout);
		}
		return line;
	}

	public String expect(String prefix, Duration timeout) throws InterruptedException {
		String line = nextLine(timeout);
		if (!line.startsWith(prefix)) {
			throw new AssertionError("Child JVM " + pid() + " said '" + line + "', expected '" + prefix + "…'");
		}
		return line;
	}

	/**
	 * What it printed on its standard output so far, logging included.
	 */
	public List<String> output() {
		return List.copyOf(this.output);
	}

	public void send(String line) {
		this.input.println(line);
	}

	public long pid() {
		return this.process.pid();
	}

	public Process process() {
		return this.process;
	}

	/**
	 * Kills the child with a real SIGKILL ({@code kill -9}) and waits until it is reaped.
	 */
	public void kill9() throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid())).start();
		if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			this.process.destroyForcibly();
		}
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	public int waitForExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("Child JVM " + pid() + " did not exit within " + timeout);
		}
		return this.process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		this.input.close();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

}
