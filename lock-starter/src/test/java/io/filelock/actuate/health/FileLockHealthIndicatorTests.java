package io.filelock.actuate.health;

import io.filelock.testsupport.ReadOnlyMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.engine.DefaultLockManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileLockHealthIndicatorTests {

	@TempDir
	Path directory;

	@Test
	void upWithDetails() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		try (LockHandle handle = manager.acquire("report")) {
			Health health = new FileLockHealthIndicator(manager).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("directory", this.directory.toString())
				.containsEntry("strategy", manager.backendStatus().details().get("strategy"))
				.containsEntry("locksHeld", 1)
				.doesNotContainKey("error");
		}
	}

	@Test
	void upAfterCreatingMissingDirectory() {
		Path locks = this.directory.resolve("a/b");
		Health health = health(locks);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(locks).isDirectory();
	}

	@Test
	void downWhenDirectoryIsAFile() throws Exception {
		Path file = Files.createFile(this.directory.resolve("locks"));
		Health health = health(file);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "Lock directory " + file + " is not a directory");
	}

	@Test
	void downWhenDirectoryIsNotWritable() throws Exception {
		try (ReadOnlyMount mount = ReadOnlyMount.at(this.directory.resolve("ro"))) {
			Health health = health(mount.path);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "Lock directory " + mount.path + " is not writable")
				.containsEntry("directory", mount.path.toString());
		}
	}

	@Test
	void downWhenDirectoryIsMissingAndCannotBeCreated() throws Exception {
		try (ReadOnlyMount mount = ReadOnlyMount.at(this.directory.resolve("ro"))) {
			Path locks = mount.path.resolve("locks");
			Health health = health(locks);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("error"))
				.startsWith("Lock directory " + locks + " is missing and cannot be created: ")
				.contains("Read-only file system");
			assertThat(locks).doesNotExist();
		}
	}

	private static Health health(Path directory) {
		return new FileLockHealthIndicator(LockManager.builder().directory(directory).build()).health();
	}

	/**
	 * A read-only tmpfs; the test is skipped, saying why, where it cannot be mounted.
	 */
	static final class ReadOnlyMount implements AutoCloseable {

		final Path path;

		private ReadOnlyMount(Path path) {
			this.path = path;
		}

		static ReadOnlyMount at(Path path) throws Exception {
			Files.createDirectories(path);
			Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", path.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(mount.getInputStream().readAllBytes()).strip();
			boolean exited = mount.waitFor(10, TimeUnit.SECONDS);
			Assumptions.assumeTrue(exited && mount.exitValue() == 0,
					() -> "Cannot mount a read-only tmpfs (needs root or CAP_SYS_ADMIN): " + output);
			return new ReadOnlyMount(path);
		}

		@Override
		public void close() throws Exception {
			Process umount = new ProcessBuilder("umount", this.path.toString()).inheritIO().start();
			assertThat(umount.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(umount.exitValue()).as("umount %s", this.path).isZero();
		}

	}

}
