package io.filelock.engine.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.filelock.testsupport.ChildJvm;

/**
 * The seed's scenario: child JVMs increment the JSON counter {@code {"count": n}} by
 * read, modify, write, released together so that they really run at once.
 */
public final class CounterRun {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final Pattern COUNT = Pattern.compile("\\{\"count\": (\\d+)}");

	private CounterRun() {
	}

	/**
	 * @param strategy the lock strategy's name, or {@code NONE} to run without a lock
	 * @return the final count
	 */
	public static int run(Path directory, String strategy, int processes, int increments) throws Exception {
		return run(directory, strategy, List.of(), processes, increments);
	}

	/**
	 * @param strategy the lock strategy's name, {@code POSTGRES} (with {@code jvmOptions}
	 * naming the server), or {@code NONE} to run without a lock
	 * @return the final count
	 */
	public static int run(Path directory, String strategy, List<String> jvmOptions, int processes, int increments)
			throws Exception {
		Files.createDirectories(directory);
		Path counter = Files.writeString(directory.resolve("counter.json"), "{\"count\": 0}");
		List<ChildJvm> children = new ArrayList<>();
		try {
			for (int i = 0; i < processes; i++) {
				children.add(ChildJvm.start(LockTestProcess.class, jvmOptions, "count", directory.toString(), strategy, Integer.toString(increments)));
			}
			for (ChildJvm child : children) {
				child.expect("ready", TIMEOUT);
			}
			children.forEach((child) -> child.send("go"));
			for (ChildJvm child : children) {
				child.expect("done", TIMEOUT);
				if (child.waitForExit(TIMEOUT) != 0) {
					throw new AssertionError("Counting JVM " + child.pid() + " failed");
				}
			}
		}
		finally {
			for (ChildJvm child : children) {
				child.close();
			}
		}
		String json = Files.readString(counter);
		Matcher matcher = COUNT.matcher(json);
		boolean parsed = strategy.equals("NONE") ? matcher.lookingAt() : matcher.matches();
		if (!parsed) {
			throw new AssertionError("Counter file holds '" + json + "'");
		}
		return Integer.parseInt(matcher.group(1));
	}

}
