package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.filelock.engine.file.scope.LockScope.CLUSTER;
import static io.filelock.engine.file.scope.LockScope.HOST;
import static io.filelock.engine.file.scope.LockScope.NONE;
import static io.filelock.engine.file.scope.LockScope.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each recorded mount mapped to its mount point, type, the scope of flock and of fcntl, the
 * responsible option and a fragment of the reason.
 */
class CatalogueTests {

	private static final LockScopeProbe PROBE = Catalogue.probe(new KernelVersion(6, 8));

	static Stream<Arguments> catalogue() {
		return Stream.of(
				row("/run/lock/app", "/run", "tmpfs", HOST, HOST, null, "tmpfs is a local filesystem"),
				row("/srv/app/locks", "/srv", "xfs", HOST, HOST, null, "xfs is a local filesystem"),
				row("/data/locks", "/data", "btrfs", HOST, HOST, null, "btrfs is a local filesystem"),
				row("/tmp/locks", "/", "ext4", HOST, HOST, null, "ext4 is a local filesystem"),
				row("/mnt/nfs4/locks", "/mnt/nfs4", "nfs4", CLUSTER, CLUSTER, null, "with NFSv4 protocol locks"),
				// mounted with -o nolock,local_lock=all: Linux drops both for NFSv4, mountinfo shows local_lock=none
				row("/mnt/nfs4-asked-local/l", "/mnt/nfs4-asked-local", "nfs4", CLUSTER, CLUSTER, null,
						"with NFSv4 protocol locks"),
				row("/mnt/nfs3-flock/l", "/mnt/nfs3-flock", "nfs", HOST, CLUSTER, "local_lock=flock",
						"local_lock=flock keeps flock locks on this client"),
				row("/mnt/nfs3-posix/l", "/mnt/nfs3-posix", "nfs", CLUSTER, HOST, "local_lock=posix",
						"local_lock=posix keeps fcntl locks on this client"),
				row("/mnt/nfs3-all/l", "/mnt/nfs3-all", "nfs", HOST, HOST, "local_lock=all",
						"local_lock=all keeps flock and fcntl locks on this client"),
				row("/mnt/nfs4-unshown/l", "/mnt/nfs4-unshown", "nfs4", CLUSTER, CLUSTER, null, "NFS server enforces"),
				row("/mnt/nfs3/l", "/mnt/nfs3", "nfs", CLUSTER, CLUSTER, null, "through NLM (NFSv3)"),
				row("/mnt/nfs3-nolock/l", "/mnt/nfs3-nolock", "nfs", HOST, HOST, "nolock", "option nolock keeps"),
				row("/lustre/scratch/l", "/lustre/scratch", "lustre", CLUSTER, CLUSTER, null, "metadata server"),
				row("/lustre/local/l", "/lustre/local", "lustre", HOST, HOST, "localflock", "option localflock"),
				row("/lustre/noflock/l", "/lustre/noflock", "lustre", NONE, NONE, "noflock", "fail with ENOSYS"),
				row("/mnt/smb/l", "/mnt/smb", "cifs", CLUSTER, CLUSTER, null, "SMB server enforces"),
				row("/mnt/smb-nobrl/l", "/mnt/smb-nobrl", "cifs", HOST, HOST, "nobrl", "option nobrl keeps"),
				row("/mnt/smb3/l", "/mnt/smb3", "smb3", CLUSTER, CLUSTER, null, "SMB server enforces"),
				row("/home/alice/remote/l", "/home/alice/remote", "fuse.sshfs", HOST, HOST, null,
						"sshfs implements no lock operations"),
				row("/mnt/s3/l", "/mnt/s3", "fuse.s3fs", HOST, HOST, null, "s3fs implements no lock operations"),
				row("/mnt/rclone/l", "/mnt/rclone", "fuse.rclone", UNKNOWN, UNKNOWN, null, "rclone FUSE daemon decides"),
				row("/mnt/bindfs/l", "/mnt/bindfs", "fuse", UNKNOWN, UNKNOWN, null, "shows no subtype; source /srv/source"),
				row("/mnt/gluster/l", "/mnt/gluster", "fuse.glusterfs", UNKNOWN, UNKNOWN, null, "glusterfs FUSE daemon"),
				row("/mnt/c/l", "/mnt/c", "9p", HOST, HOST, null, "9P2000.L client"),
				row("/mnt/host/l", "/mnt/host", "9p", HOST, HOST, null, "QEMU's 9P server grants every lock"),
				row("/mnt/host-legacy/l", "/mnt/host-legacy", "9p", HOST, NONE, "version=9p2000.u",
						"accepts fcntl(2) locks without locking anything"),
				row("/mnt/shared/l", "/mnt/shared", "virtiofs", HOST, HOST, null, "this virtual machine only"),
				row("/mnt/gfs2/l", "/mnt/gfs2", "gfs2", CLUSTER, CLUSTER, null, "GFS2 cluster lock manager"),
				row("/mnt/gfs2-local/l", "/mnt/gfs2-local", "gfs2", HOST, HOST, "localflocks", "option localflocks"),
				row("/mnt/ocfs2/l", "/mnt/ocfs2", "ocfs2", CLUSTER, CLUSTER, null, "OCFS2"),
				row("/mnt/ocfs2-o2cb/l", "/mnt/ocfs2-o2cb", "ocfs2", CLUSTER, HOST, null, "o2cb cluster stack"),
				row("/mnt/ocfs2-localflocks/l", "/mnt/ocfs2-localflocks", "ocfs2", HOST, HOST, "localflocks",
						"option localflocks"),
				row("/mnt/cephfs/l", "/mnt/cephfs", "ceph", CLUSTER, CLUSTER, null, "Ceph metadata server"),
				row("/var/lib/docker/overlay2/abc/merged/tmp/l", "/var/lib/docker/overlay2/abc/merged", "overlay", HOST,
						HOST, null, "only processes using this overlay mount"),
				row("/mnt/bind/l", "/mnt/bind", "ext4", HOST, HOST, null, "ext4 is a local filesystem"),
				row("/mnt/my disk/locks", "/mnt/my disk", "ext4", HOST, HOST, null, "ext4"),
				row("/mnt/nfs4/scratch/app/locks", "/mnt/nfs4/scratch", "tmpfs", HOST, HOST, null, "tmpfs"),
				row("/mnt/nfs4/scratchy/locks", "/mnt/nfs4", "nfs4", CLUSTER, CLUSTER, null, "NFS server"),
				row("/mnt/odd\ttab\\slash\nnewline/l", "/mnt/odd\ttab\\slash\nnewline", "tmpfs", HOST, HOST, null, "tmpfs"),
				row("/mnt/stack/l", "/mnt/stack", "tmpfs", HOST, HOST, null, "tmpfs"),
				row("/mnt/stack/inner/l", "/mnt/stack", "tmpfs", HOST, HOST, null, "tmpfs"),
				row("/mnt/twice/l", "/mnt/twice", "nfs", CLUSTER, CLUSTER, null, "NLM"),
				row("/var/lock/app/sub", "/mnt/nfs3-nolock", "nfs", HOST, HOST, "nolock", "option nolock"),
				row("/opt/app/locks", "/run", "tmpfs", HOST, HOST, null, "tmpfs"),
				row("/mnt/afs/l", "/mnt/afs", "afs", UNKNOWN, UNKNOWN, null, "type afs is not known"));
	}

	private static Arguments row(String path, String mount, String type, LockScope flock, LockScope fcntl,
			String option, String fragment) {
		return Arguments.of(path, mount, type, flock, fcntl, option, fragment);
	}

	@ParameterizedTest(name = "{0} -> {2}, flock {3}, fcntl {4}")
	@MethodSource("catalogue")
	void mapsPathToMountAndScope(String path, String mount, String type, LockScope flock, LockScope fcntl,
			String option, String fragment) {
		ScopeReport forFlock = PROBE.probe(Path.of(path), StrategyKind.FLOCK);
		ScopeReport forFcntl = PROBE.probe(Path.of(path), StrategyKind.FCNTL);
		ScopeReport forBoth = PROBE.probe(Path.of(path), StrategyKind.BOTH);
		assertThat(forFlock.mountPoint()).isEqualTo(mount);
		assertThat(forFlock.fsType()).isEqualTo(type);
		assertThat(forFlock.scope()).as("flock").isEqualTo(flock);
		assertThat(forFcntl.scope()).as("fcntl").isEqualTo(fcntl);
		assertThat(forBoth.scope()).as("both").isEqualTo(flock.weaker(fcntl));
		ScopeReport weaker = (flock.weaker(fcntl) == flock) ? forFlock : forFcntl;
		assertThat(weaker.verdict().option()).as("option").isEqualTo(option);
		assertThat(forBoth.verdict().reason()).as("reason").contains(fragment);
		assertThat(forBoth.describe()).startsWith("File locks in " + path).contains(type).contains("mount " + mount);
	}

}
