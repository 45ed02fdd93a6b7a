package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.Python;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The interop matrix of the README, checked against the real programs and libraries both
 * ways (they hold and the starter tries; the starter holds and they try), for every
 * strategy, on Linux; and the README's table checked against {@link #EXCLUDED_BY}.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class InteropMatrixTests {

	/** What each strategy excludes: the README's table must say the same. */
	static final Map<Holder, Set<LockStrategy>> EXCLUDED_BY = excludedBy();

	private static final ChannelProbe CHANNELS = new ChannelProbe();

	private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	Path directory;

	/**
	 * Another lock user, as the README's matrix names it.
	 */
	enum Holder {

		SAME_STARTER("another JVM with this starter, same strategy", null),
		FLOCK_COMMAND("`flock(1)` (cron jobs, shell scripts)", null),
		PYTHON_FLOCK("Python `fcntl.flock`", "fcntl"),
		PYTHON_LOCKF("Python `fcntl.lockf` / `fcntl.fcntl`", "fcntl"),
		PY_FILELOCK("py-filelock (`filelock.FileLock`)", "filelock"),
		PORTALOCKER("portalocker (`portalocker.Lock`)", "portalocker"),
		FASTENERS("fasteners (`InterProcessLock`)", "fasteners"),
		FASTENERS_READER_WRITER("fasteners (`InterProcessReaderWriterLock`, writer)", "fasteners"),
		FILE_CHANNEL("another JVM's `FileChannel.lock()`", null);

		final String readme;

		final String module;

		Holder(String readme, String module) {
			this.readme = readme;
			this.module = module;
		}

	}

	private static Map<Holder, Set<LockStrategy>> excludedBy() {
		Set<LockStrategy> flock = EnumSet.of(LockStrategy.FLOCK, LockStrategy.BOTH);
		Set<LockStrategy> posix = EnumSet.of(LockStrategy.FCNTL, LockStrategy.BOTH);
		Map<Holder, Set<LockStrategy>> excluded = new LinkedHashMap<>();
		excluded.put(Holder.SAME_STARTER, EnumSet.of(LockStrategy.FLOCK, LockStrategy.FCNTL, LockStrategy.BOTH));
		excluded.put(Holder.FLOCK_COMMAND, flock);
		excluded.put(Holder.PYTHON_FLOCK, flock);
		excluded.put(Holder.PYTHON_LOCKF, posix);
		excluded.put(Holder.PY_FILELOCK, flock);
		excluded.put(Holder.PORTALOCKER, flock);
		excluded.put(Holder.FASTENERS, posix);
		excluded.put(Holder.FASTENERS_READER_WRITER, posix);
		excluded.put(Holder.FILE_CHANNEL, posix);
		return excluded;
	}

	static Stream<Arguments> matrix() {
		List<Arguments> cells = new ArrayList<>();
		for (Holder holder : Holder.values()) {
			for (LockStrategy strategy : new LockStrategy[] { LockStrategy.FLOCK, LockStrategy.FCNTL,
					LockStrategy.BOTH }) {
				cells.add(Arguments.of(strategy, holder, EXCLUDED_BY.get(holder).contains(strategy)));
			}
		}
		return cells.stream();
	}

	@AfterAll
	static void stopProbe() throws Exception {
		CHANNELS.close();
	}

	@ParameterizedTest(name = "{1} holds, {0} tries: excluded = {2}")
	@MethodSource("matrix")
	void whenTheyHoldTheStarterIsExcludedAsDocumented(LockStrategy strategy, Holder holder, boolean excluded)
			throws Exception {
		LockManager manager = LockManager.builder().directory(this.directory).strategy(strategy).build();
		Path file = Files.createFile(this.directory.resolve("shared.lock"));
		try (AutoCloseable holding = hold(holder, file, strategy)) {
			Optional<LockHandle> handle = manager.tryAcquire("shared", LockMode.EXCLUSIVE);
			handle.ifPresent(LockHandle::close);
			assertThat(handle.isPresent()).as("acquired while %s holds the file", holder).isEqualTo(!excluded);
		}
	}

	@ParameterizedTest(name = "{0} holds, {1} tries: excluded = {2}")
	@MethodSource("matrix")
	void whenTheStarterHoldsTheyAreExcludedAsDocumented(LockStrategy strategy, Holder holder, boolean excluded)
			throws Exception {
		assumeTrue(holder != Holder.SAME_STARTER, "the same starter on both sides: the first test covers it");
		LockManager manager = LockManager.builder().directory(this.directory).strategy(strategy).build();
		try (LockHandle held = manager.acquire("shared")) {
			assertThat(canLock(holder, held.path())).as("%s acquires while the starter holds the file", holder)
				.isEqualTo(!excluded);
		}
	}

	@Test
	void theReadmeMatrixSaysWhatTheTestsCheck() throws IOException {
		Path readme = Path.of("..", "README.md");
		assumeTrue(Files.isRegularFile(readme), "the README is not beside this module: not checked");
		Map<String, List<String>> rows = readmeMatrix(Files.readAllLines(readme));
		Map<String, List<String>> expected = new LinkedHashMap<>();
		EXCLUDED_BY.forEach((holder, strategies) -> expected.put(holder.readme,
				Stream.of(LockStrategy.FLOCK, LockStrategy.FCNTL, LockStrategy.BOTH)
					.map((strategy) -> strategies.contains(strategy) ? "excluded" : "**not** excluded")
					.toList()));
		assertThat(rows).isEqualTo(expected);
	}

	/**
	 * The rows of the table after the heading {@code ## Interop matrix}: the holder and a
	 * cell per strategy.
	 */
	private static Map<String, List<String>> readmeMatrix(List<String> lines) {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		boolean inSection = false;
		for (String line : lines) {
			if (line.startsWith("## ")) {
				inSection = line.equals("## Interop matrix");
				continue;
			}
			if (inSection && line.startsWith("|") && !line.startsWith("|--") && !line.contains("holder of the same file")) {
				List<String> cells = Stream.of(line.split("\\|")).map(String::strip).toList();
				rows.put(cells.get(1), cells.subList(2, cells.size()));
			}
		}
		return rows;
	}

	/**
	 * Starts the holder and returns once it holds the file exclusively.
	 */
	private static AutoCloseable hold(Holder holder, Path file, LockStrategy strategy) throws Exception {
		return switch (holder) {
			case SAME_STARTER -> {
				ChildJvm child = ChildJvm.start(LockTestProcess.class, "hold", file.getParent().toString(), "shared", strategy.name());
				child.expect("locked", CHILD_TIMEOUT);
				yield child;
			}
			case FLOCK_COMMAND -> FlockProcess.hold(file);
			case FILE_CHANNEL -> CHANNELS.hold(file)::close;
			default -> {
				Process process = python(holder).startUntilReady(SCRIPT, "hold", holder.name(), file.toString());
				yield () -> process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		};
	}

	/**
	 * One attempt by the holder that does not wait.
	 */
	private static boolean canLock(Holder holder, Path file) throws Exception {
		return switch (holder) {
			case FLOCK_COMMAND -> FlockProcess.canLock(file, LockMode.EXCLUSIVE);
			case FILE_CHANNEL -> CHANNELS.canLock(file, LockMode.EXCLUSIVE);
			default -> {
				String answer = python(holder).run(SCRIPT, "try", holder.name(), file.toString()).strip();
				assertThat(answer).isIn("free", "busy");
				yield answer.equals("free");
			}
		};
	}

	private static Python python(Holder holder) {
		return Python.with(holder.module);
	}

	/**
	 * {@code hold LIBRARY FILE} takes the lock, says {@code ready} and keeps it until
	 * killed; {@code try LIBRARY FILE} says {@code free} (and lets it go) or {@code busy}.
	 */
	private static final String SCRIPT = String.join("\n", "import fcntl, sys, time", "action, library, path = sys.argv[1:4]",
			"def take():", "    if library == 'PYTHON_FLOCK':", "        f = open(path, 'r+')",
			"        try:", "            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)", "            return f",
			"        except OSError:", "            return None", "    if library == 'PYTHON_LOCKF':",
			"        f = open(path, 'r+')", "        try:", "            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)",
			"            return f", "        except OSError:", "            return None",
			"    if library == 'PY_FILELOCK':", "        import filelock", "        lock = filelock.FileLock(path, timeout=0)",
			"        try:", "            lock.acquire()", "            return lock", "        except filelock.Timeout:",
			"            return None", "    if library == 'PORTALOCKER':", "        import portalocker",
			"        f = open(path, 'a')", "        try:", "            portalocker.lock(f, portalocker.LOCK_EX | portalocker.LOCK_NB)",
			"            return f", "        except portalocker.exceptions.LockException:", "            return None",
			"    if library == 'FASTENERS':", "        import fasteners", "        lock = fasteners.InterProcessLock(path)",
			"        return lock if lock.acquire(blocking=False) else None",
			"    if library == 'FASTENERS_READER_WRITER':", "        import fasteners",
			"        lock = fasteners.InterProcessReaderWriterLock(path)",
			"        return lock if lock.acquire_write_lock(blocking=False) else None",
			"    raise ValueError(library)", "held = take()", "if action == 'try':",
			"    print('free' if held is not None else 'busy')", "else:",
			"    print('ready' if held is not None else 'not acquired', flush=True)", "    time.sleep(600)", "");

}
