package io.filelock.engine.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.spi.LockListener;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.TestBackends;
import org.jspecify.annotations.Nullable;

/**
 * The main class of the child JVMs that tests start through {@link ChildJvm}.
 * STRATEGY is a {@link io.filelock.LockStrategy}'s name, or {@code POSTGRES} for the server of
 * the JVM's system properties ({@link TestBackends}).
 * <ul>
 * <li>{@code count DIR STRATEGY|NONE N}: says {@code ready}, waits for {@code go}, then
 * increments the JSON counter {@code DIR/counter.json} N times (read, modify, write),
 * under the lock {@code counter} unless NONE, and says {@code done}.</li>
 * <li>{@code acquire DIR NAME BACKEND MILLIS}: says {@code waiting}, takes the lock
 * EXCLUSIVE waiting at most MILLIS, says {@code acquired} and keeps it until its input ends.</li>
 * <li>{@code hold DIR NAME BACKEND [PATH]}: takes the lock EXCLUSIVE (at the explicit PATH
 * if given), says {@code locked} (and {@code lost NAME} if it loses it) and keeps it until
 * it is killed or its input ends.</li>
 * <li>{@code probe}: locks files with a plain {@link FileChannel} on command:
 * {@code try EXCLUSIVE|SHARED FILE} answers {@code free} or {@code busy};
 * {@code hold FILE} answers {@code locked} once it holds it (holds stack up);
 * {@code release} lets go of the latest and answers {@code released}.</li>
 * </ul>
 */
public final class LockTestProcess {

	/** The prefix of a child's protocol lines, which {@link ChildJvm} reads. */
	public static final String MARK = ChildJvm.MARK;

	private static final Pattern COUNT = Pattern.compile("\\{\"count\": (\\d+)}");

	private LockTestProcess() {
	}

	public static void main(String[] args) throws Exception {
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		switch (args[0]) {
			case "count" -> count(Path.of(args[1]), args[2], Integer.parseInt(args[3]), input);
			case "hold" -> hold(Path.of(args[1]), args[2], args[3], (args.length > 4) ? Path.of(args[4]) : null,
					input);
			case "acquire" -> acquire(Path.of(args[1]), args[2], args[3], Duration.ofMillis(Long.parseLong(args[4])),
					input);
			case "probe" -> probe(input);
			default -> throw new IllegalArgumentException("Unknown command '" + args[0] + "'");
		}
	}

	private static void say(String line) {
		System.out.println(MARK + line);
		System.out.flush();
	}

	private static void count(Path directory, String strategy, int iterations, BufferedReader input)
			throws IOException {
		Path counter = directory.resolve("counter.json");
		boolean locked = !strategy.equals("NONE");
		LockManager locks = locked
				? TestBackends.builder(strategy, directory.resolve("locks")).timeout(Duration.ofSeconds(60)).build() : null;
		say("ready");
		if (!"go".equals(input.readLine())) {
			return;
		}
		for (int i = 0; i < iterations; i++) {
			if (locks != null) {
				locks.runWithLock("counter", () -> increment(counter, true));
			}
			else {
				increment(counter, false);
			}
		}
		say("done");
	}

	private static void increment(Path counter, boolean locked) {
		try {
			while (true) {
				String json = Files.readString(counter);
				Matcher matcher = COUNT.matcher(json);
				// Unlocked, two truncating writers can leave a longer number's tail behind ("{"count": 99}}"):
				// that is a lost update too, and reading the leading count keeps the race going.
				if (locked ? matcher.matches() : matcher.lookingAt()) {
					int count = Integer.parseInt(matcher.group(1));
					// the read-to-write window in which an unlocked writer loses updates
					Thread.yield();
					Files.writeString(counter, "{\"count\": " + (count + 1) + "}");
					return;
				}
				if (locked) {
					throw new IllegalStateException("Counter corrupted under the lock: '" + json + "'");
				}
				// unlocked: another process is between truncating and writing; read again
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void hold(Path directory, String name, String backend, @Nullable Path path, BufferedReader input)
			throws IOException {
		LockManager locks = TestBackends.builder(backend, directory)
			.applicationName("lock-test-holder")
			.lock(name, (policy) -> policy.withPath(path))
			.listener(new LockListener() {

				@Override
				public void lockLost(String lock, LockMode mode) {
					say("lost " + lock);
				}

			})
			.build();
		locks.acquire(name);
		say("locked");
		// keep the lock until killed, or until the test closes our input
		input.readLine();
	}

	private static void acquire(Path directory, String name, String backend, Duration timeout, BufferedReader input)
			throws IOException {
		LockManager locks = TestBackends.builder(backend, directory).applicationName("lock-test-waiter").build();
		say("waiting");
		locks.acquire(name, LockMode.EXCLUSIVE, timeout);
		say("acquired");
		input.readLine();
	}

	private static void probe(BufferedReader input) throws IOException {
		// holds as a stack: "release" lets go of the latest
		Deque<FileChannel> held = new ArrayDeque<>();
		String line;
		while ((line = input.readLine()) != null) {
			String[] words = line.split(" ", 3);
			switch (words[0]) {
				case "try" -> {
					boolean free;
					try (FileChannel channel = FileChannel.open(Path.of(words[2]), StandardOpenOption.READ,
							StandardOpenOption.WRITE)) {
						free = channel.tryLock(0, Long.MAX_VALUE, words[1].equals("SHARED")) != null;
					}
					// answered once the channel, and the lock it may have taken, is closed
					say(free ? "free" : "busy");
				}
				case "hold" -> {
					FileChannel channel = FileChannel.open(Path.of(words[1]), StandardOpenOption.READ,
							StandardOpenOption.WRITE);
					channel.lock();
					held.push(channel);
					say("locked");
				}
				case "release" -> {
					if (!held.isEmpty()) {
						// closing the channel releases its lock
						held.pop().close();
					}
					say("released");
				}
				default -> say("unknown command '" + line + "'");
			}
		}
	}

}
