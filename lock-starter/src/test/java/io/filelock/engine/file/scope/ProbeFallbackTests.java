package io.filelock.engine.file.scope;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

import io.filelock.LockStrategy;
import io.filelock.engine.file.scope.LockScopeProbe.StoreType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the probe says when the mount table and statfs disagree, when there is no mount
 * table (not Linux) and when the path cannot be resolved.
 */
class ProbeFallbackTests {

	private static final String TABLE = """
			1 0 8:1 / / rw - ext4 /dev/sda1 rw
			2 1 0:40 / /mnt/nfs rw - nfs4 s:/e rw,vers=4.2,local_lock=none
			""";

	private static final MountInfoSource UNREADABLE = () -> {
		throw new IOException("/proc/self/mountinfo: No such file or directory");
	};

	private static final StoreType NO_STORE = (path) -> {
		throw new IOException("no file store");
	};

	private static ScopeReport probe(MountInfoSource source, long magic, StoreType store, String path) {
		StatFs statFs = (p) -> (magic < 0) ? OptionalLong.empty() : OptionalLong.of(magic);
		return new LockScopeProbe(source, Path::normalize, statFs, new KernelVersion(6, 8), store).probe(Path.of(path),
				LockStrategy.FLOCK);
	}

	@Test
	void agreeingStatfsChangesNothing() {
		assertThat(probe(MountInfoSource.of(TABLE), 0x6969, NO_STORE, "/mnt/nfs/l").reach()).isEqualTo(Reach.CLUSTER);
		assertThat(probe(MountInfoSource.of(TABLE), 0xEF53, NO_STORE, "/srv/l").reach()).isEqualTo(Reach.HOST);
	}

	@Test
	void contradictingStatfsMakesTheMountUntrusted() {
		ScopeReport report = probe(MountInfoSource.of(TABLE), 0x01021994, NO_STORE, "/mnt/nfs/l");
		assertThat(report.reach()).isEqualTo(Reach.UNKNOWN);
		assertThat(report.mountPoint()).isEqualTo("/mnt/nfs");
		assertThat(report.verdict().reason())
			.contains("names nfs4 for mount /mnt/nfs, but statfs(2) reports magic 0x1021994");
		assertThat(report.warning("File locks in /mnt/nfs/l")).isPresent();
	}

	@Test
	void withoutATableALocalFileStoreIsStillHostWide() {
		ScopeReport report = probe(UNREADABLE, -1, (path) -> "APFS", "/Users/me/locks");
		assertThat(report.reach()).isEqualTo(Reach.HOST);
		assertThat(report.fsType()).isEqualTo("apfs");
		assertThat(report.summary()).isEqualTo("apfs (mount unknown), scope host");
		assertThat(report.warning("File locks")).isEmpty();
	}

	@Test
	void withoutATableANetworkFileStoreIsUnknownBecauseItsOptionsDecide() {
		ScopeReport report = probe(UNREADABLE, -1, (path) -> "nfs", "/Volumes/share/locks");
		assertThat(report.reach()).isEqualTo(Reach.UNKNOWN);
		assertThat(report.verdict().reason()).contains("the mount table cannot be read")
			.contains("how far nfs locks reach depends on mount options that cannot be seen");
		assertThat(report.summary()).startsWith("nfs (mount unknown), scope unknown (the mount table cannot be read");
		assertThat(report.warning("File locks")).isPresent();
	}

	@Test
	void withNeitherATableNorAFileStoreTheReachIsUnknownAndSaysWhy() {
		ScopeReport report = probe(UNREADABLE, -1, NO_STORE, "/x");
		assertThat(report.reach()).isEqualTo(Reach.UNKNOWN);
		assertThat(report.fsType()).isEqualTo("unknown");
		assertThat(report.verdict().reason()).contains("cannot be read").contains("the file store cannot be read");
	}

	@Test
	void malformedTableOrNoMountForThePathFallsBackToTheFileStore() {
		assertThat(probe(MountInfoSource.of("garbage"), -1, NO_STORE, "/x").verdict().reason())
			.contains("mountinfo line 1");
		ScopeReport noRoot = probe(MountInfoSource.of("2 1 0:40 / /mnt/nfs rw - nfs4 s:/e rw"), -1,
				(path) -> "ext4", "/srv/x");
		assertThat(noRoot.reach()).isEqualTo(Reach.HOST);
	}

	@Test
	void unresolvablePathIsUnknown() {
		LockScopeProbe failing = new LockScopeProbe(MountInfoSource.of(TABLE), (p) -> {
			throw new IOException("Permission denied");
		}, StatFs.none(), KernelVersion.UNKNOWN, NO_STORE);
		ScopeReport report = failing.probe(Path.of("/secret/locks"), LockStrategy.FLOCK);
		assertThat(report.reach()).isEqualTo(Reach.UNKNOWN);
		assertThat(report.verdict().reason()).contains("cannot be resolved").contains("Permission denied");
	}

}
