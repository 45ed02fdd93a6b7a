package io.filelock.actuate.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.engine.DefaultLockManager;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
		try (Mount mount = Mount.readOnlyTmpfs(this.directory.resolve("ro"))) {
			Health health = health(mount.path());
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "Lock directory " + mount.path() + " is not writable")
				.containsEntry("directory", mount.path().toString());
		}
	}

	@Test
	void downWhenDirectoryIsMissingAndCannotBeCreated() throws Exception {
		try (Mount mount = Mount.readOnlyTmpfs(this.directory.resolve("ro"))) {
			Path locks = mount.path().resolve("locks");
			Health health = health(locks);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("error"))
				.startsWith("Lock directory " + locks + " is missing and cannot be created: ")
				.contains("Read-only file system");
			assertThat(locks).doesNotExist();
		}
	}

	@Test
	void detailsSayWhereLocksAreHeldAndHowFarTheyReach() throws Exception {
		try (Mount mount = Mount.tmpfs(this.directory.resolve("run"), "size=1m")) {
			Health health = health(mount.path().resolve("locks"));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("filesystem", "tmpfs")
				.containsEntry("mountPoint", mount.path().toString())
				.containsEntry("scope", "host");
		}
	}

	@Test
	void downWhenAnotherUserOwnsTheDirectory() throws Exception {
		assumeTrue("root".equals(System.getProperty("user.name")),
				"giving a directory to another user needs root, and this test is not run as root");
		Path theirs = Files.createDirectory(this.directory.resolve("theirs"));
		Files.setAttribute(theirs, "unix:uid", 65534);
		Health health = health(theirs);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("error"))
			.startsWith("Lock directory " + theirs + " is owned by nobody (uid 65534), mode rwxr-xr-x: another user");
	}

	private static Health health(Path directory) {
		return new FileLockHealthIndicator(LockManager.builder().directory(directory).build()).health();
	}

}
