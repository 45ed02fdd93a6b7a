package io.filelock.engine.file;

import io.filelock.engine.DefaultLockManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class FileLockManagerSmokeTests {

	@TempDir
	Path directory;

	@Test
	void namesMapToTheirFilesBeyondThePathCache() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		// twice around more names than the cache keeps: each name always maps to its own file
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 600; i++) {
				String name = "job-" + i + ((i % 3 == 0) ? "/ü" : "");
				assertThat(manager.resource(name).file()).isEqualTo(this.directory.resolve(LockFileNames.fileName(name)));
			}
		}
		assertThat(manager.resource("con.x").file()).isEqualTo(this.directory.resolve("%63on.x.lock"));
		assertThat(manager.resource("Console").file()).isEqualTo(this.directory.resolve("Console.lock"));
	}

	@Test
	void acquiresWritesOwnerRecordAndReleases() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory.resolve("locks")).build();
		try (LockHandle handle = manager.acquire("counter")) {
			assertThat(handle.path()).isEqualTo(this.directory.resolve("locks/counter.lock"));
			assertThat(Files.readString(handle.path())).startsWith("pid=" + ProcessHandle.current().pid());
			assertThat(manager.activeCount()).isEqualTo(1);
		}
		assertThat(manager.activeCount()).isZero();
		assertThat(manager.tryAcquire("counter", LockMode.EXCLUSIVE)).hasValueSatisfying(LockHandle::close);
	}

	@Test
	void flockCommandIsExcluded() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		try (LockHandle handle = manager.acquire("x")) {
			// false: flock -n exited with 1 (an exit other than 0 or 1 fails the test)
			assertThat(FlockProcess.canLock(handle.path(), LockMode.EXCLUSIVE)).isFalse();
		}
		try (FlockProcess holder = FlockProcess.hold(this.directory.resolve("x.lock"))) {
			assertThat(manager.tryAcquire("x", LockMode.EXCLUSIVE)).isEmpty();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("x", LockMode.EXCLUSIVE, Duration.ofMillis(300)))
				.withMessageContaining("'x'")
				.withMessageContaining("/proc/locks lists pid");
		}
	}

	@Test
	void upgradeIsRefused() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		try (LockHandle shared = manager.acquire("x", LockMode.SHARED);
				LockHandle again = manager.acquire("x", LockMode.SHARED)) {
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("x"))
				.withMessageContaining("upgrades are not supported");
		}
	}

}
