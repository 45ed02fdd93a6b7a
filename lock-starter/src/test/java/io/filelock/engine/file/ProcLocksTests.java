package io.filelock.engine.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.engine.DefaultLockManager;
import io.filelock.spi.LockHolders.HoldingProcess;
import io.filelock.testsupport.FlockCommand;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code /proc/locks} says of a file: who holds it, and whether others wait in the
 * kernel, with real {@code flock(1)} processes.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class ProcLocksTests {

	@TempDir
	Path directory;

	@Test
	void othersWaitingInTheKernelAreSeenInProcLocks() throws Exception {
		FlockCommand.assumeInstalled();
		DefaultLockManager manager = Managers
			.build(LockManager.builder().directory(this.directory).strategy(LockStrategy.FLOCK));
		Path file = manager.resource("job").file();
		long pid = ProcessHandle.current().pid();
		LockHandle held = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(5));
		Process flock;
		try {
			assertThat(ProcLocks.othersWaiting(file, pid)).as("nobody waits").isFalse();
			flock = new ProcessBuilder("flock", file.toString(), "true").start();
			await().atMost(Duration.ofSeconds(30)).until(() -> ProcLocks.othersWaiting(file, pid));
			assertThat(ProcLocks.othersWaiting(file, flock.pid())).as("waiting, seen from its own pid").isFalse();
		}
		finally {
			held.close();
		}
		assertThat(flock.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(flock.exitValue()).isZero();
		assertThat(ProcLocks.othersWaiting(file, pid)).isFalse();
	}

	/**
	 * On overlayfs whose layers are on different file systems, {@code stat(2)} reports a
	 * device of the layer a file comes from, while the kernel lists its locks under the
	 * overlay's own device.
	 */
	@Test
	void aHolderOnOverlayfsIsListedThoughStatReportsAnotherDevice() throws Exception {
		FlockCommand.assumeInstalled();
		Path lower = Files.createDirectory(this.directory.resolve("lower"));
		Path upper = Files.createDirectory(this.directory.resolve("upper"));
		Path work = Files.createDirectory(this.directory.resolve("work"));
		Path merged = Files.createDirectory(this.directory.resolve("merged"));
		String tmpfs = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", lower.toString());
		assumeTrue(tmpfs.isEmpty(), () -> "cannot mount a tmpfs here (" + tmpfs + "): not tested");
		Files.writeString(lower.resolve("from-lower.lock"), "");
		String mounted = run("mount", "-t", "overlay", "overlay", "-o",
				"lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work, merged.toString());
		if (!mounted.isEmpty()) {
			run("umount", lower.toString());
		}
		assumeTrue(mounted.isEmpty(), () -> "cannot mount an overlay here (" + mounted + "): not tested");
		try {
			for (String name : new String[] { "from-lower.lock", "new.lock" }) {
				Path file = merged.resolve(name);
				try (FlockProcess holder = FlockProcess.hold(file)) {
					assertThat(ProcLocks.holders(file)).as(name)
						.extracting(HoldingProcess::pid)
						.containsExactly(holder.pid());
				}
			}
		}
		finally {
			assertThat(run("umount", merged.toString())).isEmpty();
			assertThat(run("umount", lower.toString())).isEmpty();
		}
	}

	/**
	 * Runs a command.
	 * @return empty if it succeeded, else its output
	 */
	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return (process.exitValue() == 0) ? "" : "exit " + process.exitValue() + ": " + output.strip();
	}

}
