package io.filelock.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.filelock.testsupport.JavaProcess;
import io.filelock.testsupport.JavaProcess.Result;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Spring Boot application with the starter ({@link LockingApplication}), started as a
 * process of its own as an operator starts it: under the umask of a shell, with the
 * default lock directory of another user, with a cluster scope on a tmpfs.
 */
@Timeout(300)
class LockingApplicationProcessTests {

	@TempDir
	Path base;

	@Test
	void directoryCreatedUnderUmask000HasExactlyTheDefaultPermissions() throws Exception {
		Path directory = this.base.resolve("umask-000/locks");
		Result result = JavaProcess.run("000", List.of(), LockingApplication.class,
				"--file-lock.directory=" + directory);
		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(result.output()).contains("@@ locked " + directory.resolve("job.lock"))
			.containsOnlyOnce(" : File locks in " + directory + ": ");
		assertThat(modeOf(directory)).isEqualTo("rwx------");
		assertThat(modeOf(directory.getParent())).isEqualTo("rwx------");
		assertThat(modeOf(directory.resolve("job.lock"))).isEqualTo("rw-------");
	}

	@Test
	void directoryCreatedUnderUmask077HasExactlyTheGroupPermissions() throws Exception {
		Path directory = this.base.resolve("umask-077/locks");
		Result result = JavaProcess.run("077", List.of(), LockingApplication.class,
				"--file-lock.directory=" + directory, "--file-lock.directory-permissions=rwxrwx---");
		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(modeOf(directory)).isEqualTo("rwxrwx---");
		assertThat(modeOf(directory.getParent())).isEqualTo("rwxrwx---");
		assertThat(modeOf(directory.resolve("job.lock"))).isEqualTo("rw-rw----");
	}

	@Test
	void defaultDirectoryOfAnotherUserRefusesTheStartup() throws Exception {
		assumeTrue("root".equals(System.getProperty("user.name")),
				"giving a directory to another user needs root, and this test is not run as root");
		Path directory = Files.createDirectory(this.base.resolve("file-locks"));
		Files.setAttribute(directory, "unix:uid", 65534);
		Result result = JavaProcess.run("022", List.of("-Djava.io.tmpdir=" + this.base), LockingApplication.class);
		assertThat(result.exit()).as(result.toString()).isNotZero();
		assertThat(result.output()).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '" + directory + "' for configuration property 'file-lock.directory'")
			.contains("The directory is owned by nobody (uid 65534), mode rwxr-xr-x: another user than this "
					+ "process's (uid 0) and root controls it")
			.doesNotContain("@@ locked");
	}

	@Test
	void clusterScopeOnTmpfsRefusesTheStartup() throws Exception {
		try (Mount mount = Mount.tmpfs(this.base.resolve("run"), "size=1m")) {
			Path directory = mount.path().resolve("locks");
			Result result = JavaProcess.run("022", List.of(), LockingApplication.class, "--file-lock.scope=cluster",
					"--file-lock.directory=" + directory);
			assertThat(result.exit()).as(result.toString()).isNotZero();
			assertThat(result.output()).contains("APPLICATION FAILED TO START")
				.contains("File locks must exclude the processes of every host that mounts them "
						+ "(file-lock.scope=cluster, originating from '\"file-lock.scope\" from property source "
						+ "\"commandLineArgs\"'), but these locations keep them to fewer hosts:")
				.contains(" - The lock directory " + directory + " is on tmpfs mount " + mount.path() + ", scope host (")
				.contains("tmpfs is a local filesystem")
				.contains("or set file-lock.scope=host if excluding the processes of this host is enough.")
				.doesNotContain("@@ locked");
			assertThat(directory).as("nothing created").doesNotExist();
		}
	}

	private static String modeOf(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
