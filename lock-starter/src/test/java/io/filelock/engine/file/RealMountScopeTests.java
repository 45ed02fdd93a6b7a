package io.filelock.engine.file;

import java.nio.file.Files;
import java.nio.file.Path;

import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.engine.file.scope.MountInfoSource;
import io.filelock.engine.file.scope.MountTable;
import io.filelock.engine.file.scope.Reach;
import io.filelock.engine.file.scope.ScopeReport;
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mounts this machine can make (tmpfs, bind, overlay, FUSE), probed as the file backend
 * probes them: through the real {@code /proc/self/mountinfo}, path resolution and
 * {@code statfs(2)}. Where a lock through one path should (or should not) exclude a lock
 * through another, {@code flock(1)} processes say whether it does. Each test is skipped,
 * saying why, where mounting is not permitted.
 */
@Timeout(60)
class RealMountScopeTests {

	@TempDir
	Path base;

	private static ScopeReport probe(Path path) {
		return FileBackend.PROBE.probe(path, LockStrategy.FLOCK);
	}

	@Test
	void tmpfsAtAPathWithSpaceAndTab() throws Exception {
		try (Mount mount = Mount.tmpfs(this.base.resolve("with space\tand tab"), "size=1m")) {
			ScopeReport report = probe(mount.path().resolve("locks"));
			assertThat(report.mountPoint()).isEqualTo(mount.path().toString());
			assertThat(report.fsType()).isEqualTo("tmpfs");
			assertThat(report.reach()).isEqualTo(Reach.HOST);
			assertThat(report.summary()).isEqualTo("tmpfs (mount " + mount.path() + "), scope host");
			assertThat(NativeFacts.statfsMagic(mount.path())).hasValue(0x01021994L);
		}
	}

	@Test
	void directoryBelowANestedMount() throws Exception {
		try (Mount outer = Mount.tmpfs(this.base.resolve("outer"), "size=1m");
				Mount inner = Mount.tmpfs(outer.path().resolve("inner"), "size=2m")) {
			Files.createDirectories(outer.path().resolve("innerx"));
			assertThat(probe(inner.path().resolve("not/created/yet")).mountPoint()).isEqualTo(inner.path().toString());
			assertThat(probe(outer.path().resolve("innerx/locks")).mountPoint()).isEqualTo(outer.path().toString());
		}
	}

	@Test
	void bindMountIsItsSourceFilesystemAndSharesItsLocks() throws Exception {
		try (Mount disk = Mount.tmpfs(this.base.resolve("disk"), "size=1m")) {
			Path source = Files.createDirectories(disk.path().resolve("shared/dir"));
			try (Mount bound = Mount.bind(source, this.base.resolve("bound"))) {
				ScopeReport report = probe(bound.path().resolve("locks"));
				assertThat(report.mountPoint()).isEqualTo(bound.path().toString());
				assertThat(report.fsType()).isEqualTo("tmpfs");
				try (FlockProcess holder = FlockProcess.hold(bound.path().resolve("f"))) {
					assertThat(FlockProcess.canLock(source.resolve("f"), LockMode.EXCLUSIVE)).as("same inode").isFalse();
				}
			}
		}
	}

	@Test
	void symlinkedDirectoryIsTheMountItLeadsInto() throws Exception {
		try (Mount target = Mount.tmpfs(this.base.resolve("target"), "size=1m")) {
			Path directory = Files.createDirectories(target.path().resolve("app"));
			Path link = Files.createSymbolicLink(this.base.resolve("link"), directory);
			ScopeReport report = probe(link.resolve("locks"));
			assertThat(report.realPath()).isEqualTo(directory.resolve("locks"));
			assertThat(report.mountPoint()).isEqualTo(target.path().toString());
			assertThat(report.where()).isEqualTo(link.resolve("locks") + " (really " + directory.resolve("locks") + ")");
		}
	}

	@Test
	void overmountedAndHiddenMountsAreWhatTheKernelReaches() throws Exception {
		Path stack = this.base.resolve("stack");
		try (Mount bottom = Mount.tmpfs(stack, "size=1m");
				Mount hidden = Mount.tmpfs(stack.resolve("inner"), "size=3m");
				Mount top = Mount.tmpfs(stack, "size=2m")) {
			Path inner = Files.createDirectories(stack.resolve("inner"));
			MountTable table = MountTable.parse(MountInfoSource.proc().read());
			assertThat(table.containing(inner.resolve("x")).orElseThrow().options().value("size")).hasValue("2048k");
			assertThat(probe(inner.resolve("x")).mountPoint()).isEqualTo(stack.toString());
		}
	}

	@Test
	void overlayLocksAreNotThoseOfItsUpperDirectory() throws Exception {
		try (Mount disk = Mount.tmpfs(this.base.resolve("disk"), "size=4m")) {
			Path lower = Files.createDirectories(disk.path().resolve("lower"));
			Path upper = Files.createDirectories(disk.path().resolve("upper"));
			Path work = Files.createDirectories(disk.path().resolve("work"));
			try (Mount merged = Mount.overlay(lower, upper, work, this.base.resolve("merged"))) {
				ScopeReport report = probe(merged.path().resolve("locks"));
				assertThat(report.fsType()).isEqualTo("overlay");
				assertThat(report.reach()).isEqualTo(Reach.HOST);
				assertThat(report.verdict().reason()).contains("only processes using this overlay mount");
				Files.writeString(merged.path().resolve("f"), "x");
				try (FlockProcess holder = FlockProcess.hold(merged.path().resolve("f"))) {
					assertThat(FlockProcess.canLock(merged.path().resolve("f"), LockMode.EXCLUSIVE)).isFalse();
					assertThat(FlockProcess.canLock(upper.resolve("f"), LockMode.EXCLUSIVE)).as("upper").isTrue();
				}
			}
		}
	}

	@Test
	void fuseMountWithoutASubtypeIsOfUnknownReachAndWarned() throws Exception {
		try (Mount disk = Mount.tmpfs(this.base.resolve("disk"), "size=1m")) {
			Path source = Files.createDirectories(disk.path().resolve("src"));
			Path view = this.base.resolve("view");
			try (Mount fuse = Mount.fuse(view, "bindfs", source.toString(), view.toString())) {
				ScopeReport report = probe(view.resolve("locks"));
				assertThat(report.mountPoint()).isEqualTo(view.toString());
				assertThat(report.fsType()).isEqualTo("fuse");
				assertThat(report.reach()).isEqualTo(Reach.UNKNOWN);
				assertThat(report.warning("File locks in " + view.resolve("locks"))).hasValueSatisfying(
						(warning) -> assertThat(warning).contains("are on fuse mount " + view)
							.contains("where the reach of locks is unknown"));
				// bindfs keeps locks in this kernel, on its own inodes: a lock through the view misses the source
				try (FlockProcess holder = FlockProcess.hold(view.resolve("f"))) {
					assertThat(FlockProcess.canLock(view.resolve("f"), LockMode.EXCLUSIVE)).isFalse();
					assertThat(FlockProcess.canLock(source.resolve("f"), LockMode.EXCLUSIVE)).as("source").isTrue();
				}
			}
		}
	}

}
