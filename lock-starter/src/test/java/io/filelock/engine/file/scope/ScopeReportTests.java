package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The INFO line, the WARN and the scope=cluster refusal. */
class ScopeReportTests {

	private static final LockScopeProbe PROBE = Catalogue.probe(new KernelVersion(6, 8));

	private static ScopeReport report(String path, StrategyKind strategy) {
		return PROBE.probe(Path.of(path), strategy);
	}

	@Test
	void infoLineForALocalDirectory() {
		assertThat(report("/run/lock/myapp", StrategyKind.FLOCK).describe())
			.isEqualTo("File locks in /run/lock/myapp: tmpfs (mount /run), scope host: locks exclude processes of this host only");
	}

	@Test
	void infoLineNamesTheRealPathOptionsAndTheStrategyWhenScopesDiffer() {
		assertThat(report("/var/lock/app", StrategyKind.FCNTL).describe()).isEqualTo(
				"File locks in /var/lock/app (really /mnt/nfs3-nolock/app): nfs (mount /mnt/nfs3-nolock, vers=3, nolock,"
						+ " local_lock=all), scope host: locks exclude processes of this host only (NFS client option nolock"
						+ " keeps flock and fcntl locks on this client; other NFS clients can take the same lock)");
		assertThat(report("/mnt/nfs3-flock/l", StrategyKind.FCNTL).describe())
			.contains("(mount /mnt/nfs3-flock, vers=3, local_lock=flock), scope cluster for fcntl:");
	}

	@Test
	void noWarningOnLocalFilesystemsOrForClusterLocks() {
		assertThat(report("/run/lock/myapp", StrategyKind.BOTH).warning()).isEmpty();
		assertThat(report("/mnt/nfs4/l", StrategyKind.BOTH).warning()).isEmpty();
		assertThat(report("/mnt/nfs3-flock/l", StrategyKind.FCNTL).warning()).isEmpty();
	}

	@Test
	void warningNamesMountPointOptionAndWhatToChange() {
		assertThat(report("/mnt/nfs3-flock/l", StrategyKind.BOTH).warning()).hasValue(
				"File locks in /mnt/nfs3-flock/l are on nfs mount /mnt/nfs3-flock from filer:/export: locks reach this"
						+ " host only for flock. NFS client option local_lock=flock keeps flock locks on this client; other NFS"
						+ " clients can take the same lock. Responsible option: local_lock=flock. To change: remount without"
						+ " local_lock=flock (NLM locking needs rpc.statd running here and the server's lockd reachable).");
		assertThat(report("/mnt/smb-nobrl/l", StrategyKind.FCNTL).warning().orElseThrow())
			.contains("mount /mnt/smb-nobrl").contains("Responsible option: nobrl").contains("remount without nobrl");
		assertThat(report("/lustre/local/l", StrategyKind.FLOCK).warning().orElseThrow())
			.contains("Responsible option: localflock").contains("mount every client with -o flock");
		assertThat(report("/mnt/rclone/l", StrategyKind.FLOCK).warning().orElseThrow())
			.contains("the reach of locks is unknown").contains("No mount option decides this");
		assertThat(report("/mnt/host-legacy/l", StrategyKind.FCNTL).warning().orElseThrow())
			.contains("locks are not enforced for fcntl").contains("mount with version=9p2000.L");
	}

	@Test
	void nfsTellsThatFlockAndFcntlExcludeEachOther() {
		assertThat(report("/mnt/nfs4/l", StrategyKind.FLOCK).interplay()).hasValueSatisfying(
				(text) -> assertThat(text).contains("FLOCK and FCNTL holders of the same file exclude each other"));
		assertThat(report("/run/lock/x", StrategyKind.FLOCK).interplay()).isEmpty();
	}

	@Test
	void clusterScopeRefusesLocalAndHostOnlyPathsNamingEachOne() {
		List<ScopeReport> reports = List.of(report("/run/lock/app", StrategyKind.FLOCK),
				report("/mnt/my disk/locks", StrategyKind.FLOCK), report("/mnt/nfs4/l", StrategyKind.FLOCK),
				report("/mnt/nfs3-flock/l", StrategyKind.FLOCK));
		assertThatExceptionOfType(LockScopeException.class).isThrownBy(() -> ClusterScopeRequirement.check(reports))
			.withMessageStartingWith("scope=cluster is set, but 3 lock locations would not be cluster-wide:")
			.withMessageContaining("/run/lock/app is on tmpfs mount /run, scope host for flock: tmpfs is a local")
			.withMessageContaining("/mnt/my disk/locks is on ext4 mount /mnt/my disk from /dev/sdc1, scope host")
			.withMessageContaining("/mnt/nfs3-flock/l is on nfs mount /mnt/nfs3-flock from filer:/export, scope host"
					+ " for flock")
			.withMessageContaining("Responsible option: local_lock=flock")
			.withMessageNotContaining("/mnt/nfs4/l ");
	}

	@Test
	void clusterScopeAcceptsClusterWideLocksPerStrategy() {
		assertThatNoException().isThrownBy(() -> ClusterScopeRequirement.check(List.of(report("/mnt/nfs4/l",
				StrategyKind.BOTH), report("/lustre/scratch/l", StrategyKind.BOTH), report("/mnt/nfs3-flock/l",
						StrategyKind.FCNTL))));
		assertThatExceptionOfType(LockScopeException.class).isThrownBy(
				() -> ClusterScopeRequirement.check(List.of(report("/mnt/ocfs2-o2cb/l", StrategyKind.BOTH))))
			.withMessageContaining("these lock files would not be cluster-wide")
			.withMessageContaining("scope host for fcntl");
	}

}
