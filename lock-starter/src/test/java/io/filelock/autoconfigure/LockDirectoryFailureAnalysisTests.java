package io.filelock.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import io.filelock.LockManager;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The startup refuses a lock directory (or the directory of a lock's own file) that
 * another user controls, directory permissions that cannot work, and a cluster scope on a
 * filesystem whose locks stay on this host; each with a failure analysis that names the
 * property, where it was set, the directory, and the fix. Permission bits do not stop
 * root, so the tests that need another owner give the directory to {@code nobody}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockDirectoryFailureAnalysisTests {

	@TempDir
	Path directory;

	@Test
	void lockDirectoryOfAnotherUser() throws Exception {
		Path locks = directoryOf(65534, 0700);
		FailureAnalysis analysis = analysisOf("file-lock.directory=" + locks);
		assertThat(analysis.getDescription()).isEqualTo("Invalid value '" + locks + "' for configuration property "
				+ "'file-lock.directory' " + origin("file-lock.directory=") + ". Validation failed for the following "
				+ "reason:" + System.lineSeparator() + System.lineSeparator() + "The directory is owned by nobody (uid "
				+ "65534), mode rwx------: another user than this process's (uid 0) and root controls it, and could "
				+ "replace, hold or read the lock files. Use a directory of this process's user, or have root change "
				+ "its owner (chown).");
	}

	@Test
	void lockDirectoryEveryUserMayWriteTo() throws Exception {
		Path locks = directoryOf(-1, 0777);
		assertThat(analysisOf("file-lock.directory=" + locks).getDescription())
			.contains("The directory is owned by ")
			.contains("mode rwxrwxrwx: every user may write to it, and could replace or hold the lock files. Take "
					+ "write permission away from other users (chmod o-w " + locks + "), or add the sticky bit "
					+ "(chmod +t).");
	}

	@Test
	void lockDirectoryItsGroupMayWriteToUnlessTheGroupMayWrite() throws Exception {
		Path locks = directoryOf(-1, 0770);
		assertThat(analysisOf("file-lock.directory=" + locks).getDescription())
			.contains("mode rwxrwx---: its group ")
			.contains("which the directory permissions (rwx------) do not allow");
		contextRunner("file-lock.directory=" + locks, "file-lock.directory-permissions=rwxrwx---")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(LockManager.class));
	}

	@Test
	void directoryOfALockFileOfAnotherUser() throws Exception {
		Path parent = directoryOf(65534, 0755);
		Path file = parent.resolve("backup.lock");
		FailureAnalysis analysis = analysisOf("file-lock.locks.backup.path=" + file);
		assertThat(analysis.getDescription()).startsWith("Invalid value '" + file + "' for configuration property "
				+ "'file-lock.locks.backup.path' " + origin("file-lock.locks.backup.path="))
			.contains("Its directory " + parent + " is owned by nobody (uid 65534), mode rwxr-xr-x: another user");
	}

	@Test
	void directoryPermissionsThatAreNotPermissions() {
		assertThat(analysisOf("file-lock.directory-permissions=rwx").getDescription())
			.startsWith("Invalid value 'rwx' for configuration property 'file-lock.directory-permissions' "
					+ origin("file-lock.directory-permissions="))
			.endsWith("must be nine characters in the form 'ls -l' shows, such as rwx------ or rwxrwx---");
	}

	@Test
	void directoryPermissionsThatLetEveryUserWrite() {
		assertThat(analysisOf("file-lock.directory-permissions=rwxrwxrwx").getDescription())
			.startsWith("Invalid value 'rwxrwxrwx' for configuration property 'file-lock.directory-permissions' ")
			.endsWith("must not let other users write (any user could then replace or hold the lock files); share "
					+ "the directory with a group instead, such as rwxrwx---");
	}

	@Test
	void directoryPermissionsThatShutTheOwnerOut() {
		assertThat(analysisOf("file-lock.directory-permissions=r-x------").getDescription())
			.endsWith("must let the owner read, write and search the directory (rwx------ or more)");
	}

	@Test
	void directoryCreatedAtStartupHasTheConfiguredPermissions() {
		Path locks = this.directory.resolve("created/locks");
		contextRunner("file-lock.directory=" + locks, "file-lock.directory-permissions=rwxrwx---").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(locks))).isEqualTo("rwxrwx---");
		});
	}

	@Test
	void clusterScopeOnTmpfs() throws Exception {
		try (Mount mount = Mount.tmpfs(this.directory.resolve("run"), "size=1m")) {
			Path locks = mount.path().resolve("locks");
			FailureAnalysis analysis = analysisOf("file-lock.scope=cluster", "file-lock.directory=" + locks,
					"file-lock.strategy=fcntl");
			assertThat(analysis.getDescription()).isEqualTo("File locks must exclude the processes of every host that "
					+ "mounts them (file-lock.scope=cluster, originating from 'file [" + new PropertiesFileStartup(this.directory).propertiesFile() + "] - 1:17'), "
					+ "but these locations keep them to fewer hosts:" + System.lineSeparator() + " - The lock directory "
					+ locks + " is on tmpfs mount " + mount.path() + ", scope host (fcntl): tmpfs is a local "
					+ "filesystem: this host's kernel keeps the locks. No mount option decides this. To change: use a "
					+ "filesystem with cluster-wide locks (NFS without local locking, Lustre with flock, GFS2, OCFS2, "
					+ "CIFS without nobrl, CephFS).");
			assertThat(analysis.getAction()).isEqualTo("Put the lock directory (file-lock.directory) and the files of "
					+ "locks (file-lock.locks.<name>.path) on a filesystem whose locks reach every host, or change the "
					+ "mount option named above; or set file-lock.scope=host if excluding the processes of this host is "
					+ "enough.");
			assertThat(locks).as("nothing created").doesNotExist();
		}
	}

	@Test
	void scopeThatIsNoScope() {
		assertThat(analysisOf("file-lock.scope=everywhere").getDescription()).contains("file-lock.scope")
			.contains("everywhere");
	}

	/**
	 * A new directory with the given mode, given to {@code uid} unless it is -1; skips the
	 * test unless this process may give directories away (root).
	 */
	private Path directoryOf(int uid, int mode) throws IOException {
		Path created = Files.createDirectory(this.directory.resolve("existing"));
		Files.setAttribute(created, "unix:mode", mode);
		if (uid >= 0) {
			assumeTrue("root".equals(System.getProperty("user.name")),
					"giving a directory to another user needs root, and this test is not run as root");
			Files.setAttribute(created, "unix:uid", uid);
		}
		return created;
	}

	private ApplicationContextRunner contextRunner(String... properties) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class))
			.withPropertyValues(properties);
	}

	private String origin(String key) {
		return new PropertiesFileStartup(this.directory).origin(1, key);
	}

	private FailureAnalysis analysisOf(String... lines) {
		return new PropertiesFileStartup(this.directory).analysisOf(lines);
	}

}
