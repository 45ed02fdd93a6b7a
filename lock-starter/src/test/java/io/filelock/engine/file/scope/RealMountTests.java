package io.filelock.engine.file.scope;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mounts this machine can make (tmpfs, bind, overlay; FUSE in {@link RealFuseMountTests}),
 * probed through the real {@code /proc/self/mountinfo}, real path resolution and statfs.
 * Skipped, with the reason printed, where mounting is not permitted.
 */
class RealMountTests {

	private static final LockScopeProbe PROBE = LockScopeProbe.system();

	/** Found once per JVM: mounting is either permitted here or not. */
	static final String NOT_PERMITTED = Mounts.whyMountingIsNotPermitted();

	private static final Set<String> PRINTED = new HashSet<>();

	@BeforeEach
	void mountingPermitted() {
		skipIf(getClass().getSimpleName(), NOT_PERMITTED);
	}

	/** Skips the test (counted as skipped) and prints the reason once per test class. */
	static synchronized void skipIf(String testClass, String reason) {
		if (reason != null && PRINTED.add(testClass)) {
			System.out.println("SKIPPED " + testClass + ": " + reason);
		}
		Assumptions.assumeTrue(reason == null, reason);
	}

	@Test
	void tmpfsAtAPathWithSpaces() throws Exception {
		try (Mounts m = new Mounts()) {
			Path point = m.tmpfs(m.base.resolve("with space\tand tab"), "1m");
			ScopeReport report = PROBE.probe(point.resolve("locks"), StrategyKind.BOTH);
			assertThat(report.mountPoint()).isEqualTo(point.toString());
			assertThat(report.fsType()).isEqualTo("tmpfs");
			assertThat(report.scope()).isEqualTo(LockScope.HOST);
			assertThat(report.describe()).isEqualTo("File locks in " + point.resolve("locks") + ": tmpfs (mount " + point
					+ "), scope host: locks exclude processes of this host only");
			assertThat(report.warning()).isEmpty();
			if (JnaStatFs.AVAILABLE) {
				assertThat(StatFs.system().magic(point)).hasValue(0x01021994L);
			}
		}
	}

	@Test
	void directoryBelowANestedMount() throws Exception {
		try (Mounts m = new Mounts()) {
			Path outer = m.tmpfs(m.base.resolve("outer"), "1m");
			Path inner = m.tmpfs(outer.resolve("inner"), "2m");
			Files.createDirectories(outer.resolve("innerx"));
			assertThat(PROBE.probe(inner.resolve("not/created/yet"), StrategyKind.FLOCK).mountPoint())
				.isEqualTo(inner.toString());
			assertThat(PROBE.probe(outer.resolve("innerx/locks"), StrategyKind.FLOCK).mountPoint())
				.isEqualTo(outer.toString());
		}
	}

	@Test
	void bindMountSharesTheLocksOfItsSource() throws Exception {
		try (Mounts m = new Mounts()) {
			Path disk = m.tmpfs(m.base.resolve("disk"), "1m");
			Path source = Files.createDirectories(disk.resolve("shared/dir"));
			Path bound = m.mount(m.base.resolve("bound"), "--bind", source.toString());
			ScopeReport report = PROBE.probe(bound.resolve("locks"), StrategyKind.FLOCK);
			assertThat(report.mountPoint()).isEqualTo(bound.toString());
			assertThat(report.fsType()).isEqualTo("tmpfs");
			MountEntry entry = MountTable.parse(MountInfoSource.proc().read()).containing(bound).orElseThrow();
			assertThat(entry.root()).isEqualTo("/shared/dir");
			Files.writeString(source.resolve("f"), "x");
			assertThat(FlockCheck.excludes(bound.resolve("f"), source.resolve("f"))).as("bind shares the inode").isTrue();
		}
	}

	@Test
	void symlinkedDirectoryIsResolvedToTheMountItPointsInto() throws Exception {
		try (Mounts m = new Mounts()) {
			Path point = m.tmpfs(m.base.resolve("target"), "1m");
			Path dir = Files.createDirectories(point.resolve("app"));
			Path link = Files.createSymbolicLink(m.base.resolve("link"), dir);
			ScopeReport report = PROBE.probe(link.resolve("locks"), StrategyKind.FCNTL);
			assertThat(report.realPath()).isEqualTo(dir.resolve("locks"));
			assertThat(report.mountPoint()).isEqualTo(point.toString());
			assertThat(report.describe()).contains("(really " + dir.resolve("locks") + ")");
		}
	}

	@Test
	void overmountedAndHiddenMountsResolveToWhatTheKernelReaches() throws Exception {
		try (Mounts m = new Mounts()) {
			Path stack = m.tmpfs(m.base.resolve("stack"), "1m");
			m.tmpfs(stack.resolve("inner"), "3m");
			m.tmpfs(stack, "2m");
			Path inner = Files.createDirectories(stack.resolve("inner"));
			MountTable table = MountTable.parse(MountInfoSource.proc().read());
			assertThat(table.containing(inner.resolve("x")).orElseThrow().superOptions().value("size")).hasValue("2048k");
			assertThat(table.containing(stack).orElseThrow().superOptions().value("size")).hasValue("2048k");
			assertThat(PROBE.probe(inner.resolve("x"), StrategyKind.FLOCK).mountPoint()).isEqualTo(stack.toString());
		}
	}

	@Test
	void overlayLocksAreSeparateFromTheUpperDirectory() throws Exception {
		try (Mounts m = new Mounts()) {
			Path disk = m.tmpfs(m.base.resolve("disk"), "4m");
			Path lower = Files.createDirectories(disk.resolve("lower"));
			Path upper = Files.createDirectories(disk.resolve("upper"));
			Path work = Files.createDirectories(disk.resolve("work"));
			Path merged = m.mount(m.base.resolve("merged"), "-t", "overlay", "-o",
					"lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work, "overlay");
			ScopeReport report = PROBE.probe(merged.resolve("locks"), StrategyKind.FLOCK);
			assertThat(report.fsType()).isEqualTo("overlay");
			assertThat(report.scope()).isEqualTo(LockScope.HOST);
			assertThat(report.verdict().reason()).contains("only processes using this overlay mount");
			Files.writeString(merged.resolve("f"), "x");
			assertThat(FlockCheck.excludes(merged.resolve("f"), merged.resolve("f"))).isTrue();
			assertThat(FlockCheck.excludes(merged.resolve("f"), upper.resolve("f"))).as("overlay vs upper").isFalse();
		}
	}

}
