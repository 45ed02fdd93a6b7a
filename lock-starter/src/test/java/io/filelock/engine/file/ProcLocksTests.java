package io.filelock.engine.file;

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
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
		FlockProcess.assumeInstalled();
		DefaultLockManager manager = Managers
			.build(LockManager.builder().directory(this.directory).strategy(LockStrategy.FLOCK));
		Path file = manager.resource("job").file();
		long pid = ProcessHandle.current().pid();
		LockHandle held = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofSeconds(5));
		Process flock;
		try {
			assertThat(ProcLocks.othersWaiting(file, pid)).as("nobody waits").isFalse();
			flock = FlockProcess.startWaiting(file, Duration.ofSeconds(30));
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
		FlockProcess.assumeInstalled();
		Path upper = Files.createDirectory(this.directory.resolve("upper"));
		Path work = Files.createDirectory(this.directory.resolve("work"));
		try (Mount lower = Mount.tmpfs(this.directory.resolve("lower"), "size=1m")) {
			Files.writeString(lower.path().resolve("from-lower.lock"), "");
			try (Mount merged = Mount.overlay(lower.path(), upper, work, this.directory.resolve("merged"))) {
				for (String name : new String[] { "from-lower.lock", "new.lock" }) {
					Path file = merged.path().resolve(name);
					try (FlockProcess holder = FlockProcess.hold(file)) {
						assertThat(ProcLocks.holders(file)).as(name)
							.extracting(HoldingProcess::pid)
							.containsExactly(holder.pid());
					}
				}
			}
		}
	}

}
