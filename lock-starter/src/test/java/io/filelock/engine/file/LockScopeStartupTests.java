package io.filelock.engine.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockMode;
import io.filelock.LockScope;
import io.filelock.LockScopeException;
import io.filelock.LockStrategy;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.file.scope.Reach;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a lock manager says of the reach of its locks when it is built, on mounts this
 * machine can make: the startup line, the status details, the warning, and the refusal of
 * a cluster scope on a local filesystem.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class LockScopeStartupTests {

	@TempDir
	Path base;

	@Test
	void startupLineSaysTheDirectoryItsFilesystemMountScopeAndStrategy(CapturedOutput output) throws Exception {
		try (Mount mount = Mount.tmpfs(this.base.resolve("run"), "size=1m")) {
			Path directory = mount.path().resolve("locks");
			try (DefaultLockManager manager = build(LockManager.builder().directory(directory)
				.strategy(LockStrategy.FCNTL))) {
				assertThat(lines(output, "File locks in ")).singleElement()
					.satisfies((line) -> assertThat(line).endsWith(" File locks in " + directory + ": tmpfs (mount "
							+ mount.path() + "), scope host; strategy FCNTL, waits in the kernel"));
				assertThat(manager.backendStatus().details()).containsEntry("strategy", "FCNTL")
					.containsEntry("waits", "kernel")
					.containsEntry("filesystem", "tmpfs")
					.containsEntry("mountPoint", mount.path().toString())
					.containsEntry("scope", "host")
					.doesNotContainKey("scopeReason");
				assertThat(lines(output, " WARN ")).isEmpty();
			}
		}
	}

	@Test
	void startupLineOfFlockSaysHowTheCLibraryIsCalled(CapturedOutput output) throws Exception {
		assumeTrue(LibC.AVAILABLE, "flock(2) is bound here");
		String binding = LibC.POSIX.name();
		try (DefaultLockManager manager = build(LockManager.builder().directory(this.base)
			.strategy(LockStrategy.FLOCK))) {
			assertThat(lines(output, "File locks in " + this.base + ": ")).singleElement()
				.satisfies((line) -> assertThat(line).endsWith("; strategy FLOCK, native calls through "
						+ binding.toUpperCase(Locale.ROOT) + ", waits in the kernel"));
			assertThat(manager.backendStatus().details()).containsEntry("binding", binding);
		}
	}

	@Test
	void startupLineSaysWhenWaitsUseTheBackoff(CapturedOutput output) throws Exception {
		try (DefaultLockManager manager = build(LockManager.builder().directory(this.base)
			.strategy(LockStrategy.FCNTL)
			.kernelWait(false))) {
			assertThat(lines(output, "File locks in " + this.base + ": ")).singleElement()
				.satisfies((line) -> assertThat(line).endsWith("; strategy FCNTL, waits with backoff"));
		}
	}

	@Test
	void clusterScopeOnTmpfsIsRefusedNamingTheDirectoryMountAndScope() throws Exception {
		try (Mount mount = Mount.tmpfs(this.base.resolve("run"), "size=1m")) {
			Path directory = mount.path().resolve("locks");
			assertThatExceptionOfType(LockScopeException.class)
				.isThrownBy(() -> LockManager.builder()
					.directory(directory)
					.strategy(LockStrategy.FCNTL)
					.scope(LockScope.CLUSTER)
					.build())
				.satisfies((ex) -> assertThat(ex.getRefusals()).containsExactly("The lock directory " + directory
						+ " is on tmpfs mount " + mount.path() + ", scope host (fcntl): tmpfs is a local filesystem: "
						+ "this host's kernel keeps the locks. No mount option decides this. To change: use a "
						+ "filesystem with cluster-wide locks (NFS without local locking, Lustre with flock, GFS2, "
						+ "OCFS2, CIFS without nobrl, CephFS)."))
				.withMessageStartingWith("Locks must reach scope cluster, but one location falls short:");
			assertThat(directory).as("nothing created").doesNotExist();
		}
	}

	@Test
	void clusterScopeRefusesEveryLocationThatFallsShort() throws Exception {
		assumeFalse(FileBackend.PROBE.probe(this.base, LockStrategy.FCNTL).reach() == Reach.CLUSTER,
				"the temporary directory is on a filesystem with cluster-wide locks");
		Path lockFile = Files.createDirectories(this.base.resolve("backup")).resolve("backup.lock");
		assertThatExceptionOfType(LockScopeException.class).isThrownBy(() -> LockManager.builder()
			.directory(this.base.resolve("locks"))
			.strategy(LockStrategy.FCNTL)
			.lock("backup", (policy) -> policy.withPath(lockFile))
			.scope(LockScope.CLUSTER)
			.build())
			.satisfies((ex) -> assertThat(ex.getRefusals()).hasSize(2)
				.satisfies((refusals) -> assertThat(refusals.get(0)).startsWith("The lock directory " + this.base))
				.satisfies((refusals) -> assertThat(refusals.get(1))
					.startsWith("The file of lock 'backup', " + lockFile + ", is on ")))
			.withMessageContaining("2 locations fall short");
	}

	@Test
	void hostScopeUsesTheSameDirectoryWithoutAWord(CapturedOutput output) throws Exception {
		try (Mount mount = Mount.tmpfs(this.base.resolve("run"), "size=1m");
				DefaultLockManager manager = build(LockManager.builder().directory(mount.path().resolve("locks")))) {
			manager.acquire("job", LockMode.EXCLUSIVE).close();
			assertThat(lines(output, " WARN ")).isEmpty();
		}
	}

	@Test
	void fuseDirectoryOfUnknownReachIsWarnedAboutNamingTheMount(CapturedOutput output) throws Exception {
		try (Mount disk = Mount.tmpfs(this.base.resolve("disk"), "size=1m")) {
			Path source = Files.createDirectories(disk.path().resolve("src"));
			Path view = this.base.resolve("view");
			try (Mount fuse = Mount.fuse(view, "bindfs", source.toString(), view.toString())) {
				Path directory = view.resolve("locks");
				try (DefaultLockManager manager = build(LockManager.builder().directory(directory))) {
					assertThat(lines(output, "File locks in ")).first()
						.satisfies((line) -> assertThat(line).contains(": fuse (mount " + view + "), scope unknown ("));
					assertThat(lines(output, " WARN ")).singleElement()
						.satisfies((line) -> assertThat(line).contains("File locks in " + directory + " are on fuse mount "
								+ view + ", where the reach of locks is unknown", "To change: check the daemon's lock support"));
					assertThat(manager.backendStatus().details()).containsEntry("scope", "unknown")
						.containsKey("scopeReason");
				}
			}
		}
	}

	@Test
	void lockFileOnAFuseMountIsWarnedAboutByItsLockName(CapturedOutput output) throws Exception {
		try (Mount disk = Mount.tmpfs(this.base.resolve("disk"), "size=1m")) {
			Path source = Files.createDirectories(disk.path().resolve("src"));
			Path view = this.base.resolve("view");
			try (Mount fuse = Mount.fuse(view, "bindfs", source.toString(), view.toString())) {
				Path lockFile = view.resolve("backup.lock");
				try (DefaultLockManager manager = build(LockManager.builder()
					.directory(this.base.resolve("locks"))
					.lock("backup", (policy) -> policy.withPath(lockFile))
					.lock("other", (policy) -> policy.withPath(view.resolve("other.lock"))))) {
					assertThat(lines(output, " WARN ")).singleElement()
						.satisfies((line) -> assertThat(line).contains("File locks of 'backup' in " + lockFile
								+ " are on fuse mount " + view + ", where the reach of locks is unknown"));
				}
			}
		}
	}

	private static DefaultLockManager build(LockManagerBuilder builder) {
		return (DefaultLockManager) builder.build();
	}

	private static List<String> lines(CapturedOutput output, String fragment) {
		return output.getOut().lines().filter((line) -> line.contains(fragment)).toList();
	}

}
