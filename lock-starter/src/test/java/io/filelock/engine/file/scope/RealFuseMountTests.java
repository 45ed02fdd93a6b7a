package io.filelock.engine.file.scope;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real FUSE mount (bindfs), where {@code /dev/fuse} is usable and bindfs is installed;
 * skipped with the reason printed otherwise.
 */
class RealFuseMountTests {

	private static final String NOT_PERMITTED = whyFuseIsNotUsable();

	@BeforeEach
	void fusePermitted() {
		RealMountTests.skipIf(getClass().getSimpleName(), NOT_PERMITTED);
	}

	private static String whyFuseIsNotUsable() {
		String reason = RealMountTests.NOT_PERMITTED;
		if (reason == null && !Files.isWritable(Path.of("/dev/fuse"))) {
			reason = "/dev/fuse is missing or not writable";
		}
		if (reason == null && !onPath("bindfs")) {
			reason = "bindfs is not installed (Debian: apt-get install bindfs fuse3)";
		}
		return reason;
	}

	private static boolean onPath(String program) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
				return true;
			}
		}
		return false;
	}

	@Test
	void bindfsIsAFuseMountOfUnknownScopeAndWarns() throws Exception {
		try (Mounts m = new Mounts()) {
			Path disk = m.tmpfs(m.base.resolve("disk"), "1m");
			Path source = Files.createDirectories(disk.resolve("src"));
			Path view = m.fuse(m.base.resolve("view"), "bindfs", source.toString(), m.base.resolve("view").toString());
			ScopeReport report = LockScopeProbe.system().probe(view.resolve("locks"), StrategyKind.FLOCK);
			assertThat(report.mountPoint()).isEqualTo(view.toString());
			assertThat(report.fsType()).startsWith("fuse");
			assertThat(report.source()).isEqualTo(source.toString());
			assertThat(report.scope()).isEqualTo(LockScope.UNKNOWN);
			assertThat(report.warning()).hasValueSatisfying((warning) -> assertThat(warning)
				.contains("are on " + report.fsType() + " mount " + view).contains("the reach of locks is unknown"));
			Files.writeString(source.resolve("f"), "x");
			assertThat(FlockCheck.excludes(view.resolve("f"), view.resolve("f"))).as("through the view").isTrue();
			assertThat(FlockCheck.excludes(view.resolve("f"), source.resolve("f"))).as("view vs source").isFalse();
		}
	}

}
