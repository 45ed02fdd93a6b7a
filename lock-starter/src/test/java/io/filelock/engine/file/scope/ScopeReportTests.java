package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.Map;

import io.filelock.LockStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phrases of the startup line, the warning, the refusal under a cluster scope and the
 * status details.
 */
class ScopeReportTests {

	private static final LockScopeProbe PROBE = Catalogue.probe(new KernelVersion(6, 8));

	private static ScopeReport report(String path, LockStrategy strategy) {
		return PROBE.probe(Path.of(path), strategy);
	}

	@Test
	void summaryOfALocalDirectory() {
		ScopeReport report = report("/run/lock/myapp", LockStrategy.FLOCK);
		assertThat(report.where()).isEqualTo("/run/lock/myapp");
		assertThat(report.summary()).isEqualTo("tmpfs (mount /run), scope host");
	}

	@Test
	void whereNamesTheRealPathBehindASymbolicLink() {
		ScopeReport report = report("/var/lock/app", LockStrategy.FCNTL);
		assertThat(report.where()).isEqualTo("/var/lock/app (really /mnt/nfs3-nolock/app)");
		assertThat(report.summary()).isEqualTo("nfs (mount /mnt/nfs3-nolock), scope host");
	}

	@Test
	void summarySaysWhyWhenTheReachIsNoneOrUnknown() {
		assertThat(report("/lustre/noflock/l", LockStrategy.FLOCK).summary()).isEqualTo(
				"lustre (mount /lustre/noflock), scope none (Lustre client option noflock makes flock(2) and fcntl(2) "
						+ "locks fail with ENOSYS)");
		assertThat(report("/mnt/rclone/l", LockStrategy.FCNTL).summary())
			.startsWith("fuse.rclone (mount /mnt/rclone), scope unknown (the rclone FUSE daemon decides");
	}

	@Test
	void noWarningOnLocalFilesystemsOrForClusterLocks() {
		assertThat(report("/run/lock/myapp", LockStrategy.FLOCK).warning("File locks")).isEmpty();
		assertThat(report("/mnt/nfs4/l", LockStrategy.FLOCK).warning("File locks")).isEmpty();
		assertThat(report("/mnt/nfs3-flock/l", LockStrategy.FCNTL).warning("File locks")).isEmpty();
	}

	@Test
	void warningNamesTheMountTheOptionAndWhatToChange() {
		assertThat(report("/mnt/nfs3-flock/l", LockStrategy.FLOCK).warning("File locks in /mnt/nfs3-flock/l")).hasValue(
				"File locks in /mnt/nfs3-flock/l are on nfs mount /mnt/nfs3-flock, where locks exclude processes of this"
						+ " host only (flock): NFS client option local_lock=flock keeps flock locks on this client; other NFS"
						+ " clients can take the same lock. Responsible option: local_lock=flock. To change: remount"
						+ " without local_lock=flock (NLM locking needs rpc.statd running here and the server's lockd"
						+ " reachable).");
		assertThat(report("/mnt/smb-nobrl/l", LockStrategy.FCNTL).warning("File locks").orElseThrow())
			.contains("mount /mnt/smb-nobrl")
			.contains("Responsible option: nobrl")
			.contains("remount without nobrl");
		assertThat(report("/lustre/local/l", LockStrategy.FLOCK).warning("File locks").orElseThrow())
			.contains("Responsible option: localflock")
			.contains("mount every client with -o flock");
		assertThat(report("/mnt/rclone/l", LockStrategy.FLOCK).warning("File locks").orElseThrow())
			.contains("the reach of locks is unknown (flock)")
			.contains("No mount option decides this");
		assertThat(report("/mnt/host-legacy/l", LockStrategy.FCNTL).warning("File locks").orElseThrow())
			.contains("where locks are not enforced (fcntl)")
			.contains("mount with version=9p2000.L");
	}

	@Test
	void onNfsFlockAndFcntlLocksExcludeEachOther() {
		assertThat(report("/mnt/nfs4/l", LockStrategy.FLOCK).interplay()).hasValueSatisfying(
				(text) -> assertThat(text).contains("FLOCK and FCNTL holders of the same file exclude each other"));
		assertThat(report("/mnt/nfs3/l", LockStrategy.FCNTL).interplay()).isPresent();
		assertThat(report("/mnt/nfs3-all/l", LockStrategy.FLOCK).interplay()).isEmpty();
		assertThat(report("/run/lock/x", LockStrategy.FLOCK).interplay()).isEmpty();
	}

	@Test
	void clusterRefusalNamesTheMountTheScopeAndTheOption() {
		assertThat(report("/run/lock/app", LockStrategy.FLOCK).clusterRefusal("The lock directory /run/lock/app"))
			.hasValue("The lock directory /run/lock/app is on tmpfs mount /run, scope host (flock): tmpfs is a local"
					+ " filesystem: this host's kernel keeps the locks. No mount option decides this. To change: use a"
					+ " filesystem with cluster-wide locks (NFS without local locking, Lustre with flock, GFS2, OCFS2,"
					+ " CIFS without nobrl, CephFS).");
		assertThat(report("/mnt/nfs3-flock/l", LockStrategy.FLOCK).clusterRefusal("X").orElseThrow())
			.startsWith("X is on nfs mount /mnt/nfs3-flock, scope host (flock): ")
			.contains("Responsible option: local_lock=flock");
		assertThat(report("/mnt/nfs3-flock/l", LockStrategy.FCNTL).clusterRefusal("X")).isEmpty();
		assertThat(report("/mnt/ocfs2-o2cb/l", LockStrategy.FCNTL).clusterRefusal("X").orElseThrow())
			.contains("scope host (fcntl)");
	}

	@Test
	void detailsNameTheFilesystemTheMountPointAndTheScope() {
		assertThat(report("/run/lock/app", LockStrategy.FLOCK).details())
			.containsExactlyInAnyOrderEntriesOf(Map.of("filesystem", "tmpfs", "mountPoint", "/run", "scope", "host"));
		assertThat(report("/mnt/nfs3-nolock/l", LockStrategy.FLOCK).details()).containsEntry("filesystem", "nfs")
			.containsEntry("mountPoint", "/mnt/nfs3-nolock")
			.containsEntry("scope", "host")
			.hasEntrySatisfying("scopeReason", (reason) -> assertThat(reason).contains("nolock"))
			.doesNotContainKey("flockAndFcntl");
		assertThat(report("/mnt/nfs4/l", LockStrategy.FCNTL).details()).containsEntry("scope", "cluster")
			.hasEntrySatisfying("flockAndFcntl",
					(text) -> assertThat(text).contains("FLOCK and FCNTL holders of the same file exclude each other"));
	}

}
