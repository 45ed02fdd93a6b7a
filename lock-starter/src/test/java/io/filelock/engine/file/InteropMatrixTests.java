package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interop matrix of the README, checked against the real programs: which outside
 * lock holders each strategy excludes on Linux.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class InteropMatrixTests {

	@TempDir
	Path directory;

	static Stream<Arguments> matrix() {
		return Stream.of(
				Arguments.of(LockStrategy.FLOCK, "flock(1)", true),
				Arguments.of(LockStrategy.FLOCK, "python fcntl.flock", true),
				Arguments.of(LockStrategy.FLOCK, "python fcntl.lockf", false),
				Arguments.of(LockStrategy.FCNTL, "flock(1)", false),
				Arguments.of(LockStrategy.FCNTL, "python fcntl.flock", false),
				Arguments.of(LockStrategy.FCNTL, "python fcntl.lockf", true));
	}

	@ParameterizedTest(name = "{0} vs {1}: excluded = {2}")
	@MethodSource("matrix")
	void outsideHolderIsExcludedAsDocumented(LockStrategy strategy, String holder, boolean excluded)
			throws Exception {
		LockManager manager = LockManager.builder().directory(this.directory).strategy(strategy).build();
		Path file = this.directory.resolve("shared.lock");
		Files.createFile(file);
		try (AutoCloseable holding = hold(holder, file)) {
			Optional<LockHandle> handle = manager.tryAcquire("shared", LockMode.EXCLUSIVE);
			handle.ifPresent(LockHandle::close);
			assertThat(handle.isPresent()).as("acquired while %s holds the file", holder).isEqualTo(!excluded);
		}
	}

	/**
	 * Starts the holder and returns once it holds the file.
	 */
	private static AutoCloseable hold(String holder, Path file) throws Exception {
		return switch (holder) {
			case "flock(1)" -> FlockProcess.hold(file);
			case "python fcntl.flock" -> python("flock", file);
			case "python fcntl.lockf" -> python("lockf", file);
			default -> throw new IllegalArgumentException(holder);
		};
	}

	private static AutoCloseable python(String call, Path file) throws IOException {
		Assumptions.assumeTrue(onPath("python3"), "python3 is not installed");
		String python = "import fcntl, sys, time\n" + "f = open(sys.argv[2], 'r+')\n"
				+ "(fcntl.flock if sys.argv[1] == 'flock' else fcntl.lockf)(f, fcntl.LOCK_EX)\n"
				+ "print('locked', flush=True)\n" + "sys.stdin.read()\n";
		Process process = new ProcessBuilder("python3", "-c", python, call, file.toString()).redirectErrorStream(true)
			.start();
		try {
			assertThat(process.inputReader().readLine()).as("holder output").isEqualTo("locked");
		}
		catch (IOException | RuntimeException | Error ex) {
			process.destroyForcibly();
			throw ex;
		}
		return () -> process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

}
