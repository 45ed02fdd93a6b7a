package io.filelock.engine.file.scope;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the probe says when the mount table and statfs disagree or are missing. */
class ProbeFallbackTests {

	private static final String TABLE = """
			1 0 8:1 / / rw - ext4 /dev/sda1 rw
			2 1 0:40 / /mnt/nfs rw - nfs4 s:/e rw,vers=4.2,local_lock=none
			""";

	private static final MountInfoSource UNREADABLE = () -> {
		throw new IOException("/proc/self/mountinfo: No such file or directory");
	};

	private static ScopeReport probe(MountInfoSource source, long magic, String path) {
		StatFs statFs = (p) -> (magic < 0) ? OptionalLong.empty() : OptionalLong.of(magic);
		return new LockScopeProbe(source, Path::normalize, statFs, new KernelVersion(6, 8)).probe(Path.of(path),
				StrategyKind.BOTH);
	}

	@Test
	void agreeingStatfsChangesNothing() {
		assertThat(probe(MountInfoSource.of(TABLE), 0x6969, "/mnt/nfs/l").scope()).isEqualTo(LockScope.CLUSTER);
		assertThat(probe(MountInfoSource.of(TABLE), 0xEF53, "/srv/l").scope()).isEqualTo(LockScope.HOST);
	}

	@Test
	void contradictingStatfsMakesTheMountUntrusted() {
		ScopeReport report = probe(MountInfoSource.of(TABLE), 0x01021994, "/mnt/nfs/l");
		assertThat(report.scope()).isEqualTo(LockScope.UNKNOWN);
		assertThat(report.verdict().reason()).contains("names nfs4 for mount /mnt/nfs, but statfs(2) reports magic 0x1021994 (tmpfs)");
		assertThat(report.warning()).isPresent();
	}

	@Test
	void withoutATableStatfsAloneClassifiesLocalFilesystems() {
		ScopeReport report = probe(UNREADABLE, 0x01021994, "/run/x");
		assertThat(report.scope()).isEqualTo(LockScope.HOST);
		assertThat(report.fsType()).isEqualTo("tmpfs");
		assertThat(report.describe()).contains("tmpfs (mount unknown), scope host");
	}

	@Test
	void withoutATableNetworkFilesystemsAreUnknownBecauseOptionsDecide() {
		ScopeReport report = probe(UNREADABLE, 0x6969, "/mnt/nfs/l");
		assertThat(report.scope()).isEqualTo(LockScope.UNKNOWN);
		assertThat(report.verdict().reason()).contains("cannot be read").contains("statfs(2) says nfs");
	}

	@Test
	void withNeitherTheScopeIsUnknownAndSaysWhy() {
		ScopeReport report = probe(UNREADABLE, -1, "/x");
		assertThat(report.scope()).isEqualTo(LockScope.UNKNOWN);
		assertThat(report.verdict().reason()).contains("statfs(2) is not available");
		assertThat(probe(UNREADABLE, 0x12345678, "/x").verdict().reason()).contains("magic 0x12345678 is not known");
	}

	@Test
	void malformedTableAndUnresolvablePathAreUnknown() {
		assertThat(probe(MountInfoSource.of("garbage"), -1, "/x").verdict().reason()).contains("mountinfo line 1");
		LockScopeProbe failing = new LockScopeProbe(MountInfoSource.of(TABLE), (p) -> {
			throw new IOException("Permission denied");
		}, StatFs.none(), KernelVersion.UNKNOWN);
		ScopeReport report = failing.probe(Path.of("/secret/locks"), StrategyKind.FLOCK);
		assertThat(report.scope()).isEqualTo(LockScope.UNKNOWN);
		assertThat(report.verdict().reason()).contains("cannot be resolved").contains("Permission denied");
	}

}
