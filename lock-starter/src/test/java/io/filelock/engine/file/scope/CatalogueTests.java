package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.filelock.LockStrategy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.filelock.engine.file.scope.Reach.CLUSTER;
import static io.filelock.engine.file.scope.Reach.HOST;
import static io.filelock.engine.file.scope.Reach.NONE;
import static io.filelock.engine.file.scope.Reach.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each recorded mount mapped to its mount point, type, the reach of flock and of fcntl
 * locks, the option responsible, a fragment of the reason, and whether it is a local
 * filesystem (which is never warned about); and the messages built from them.
 */
class CatalogueTests {

	private static final LockScopeProbe PROBE = Catalogue.probe(new KernelVersion(6, 8));

	static Stream<Arguments> catalogue() {
		return Stream.of(
				local("/run/lock/app", "/run", "tmpfs", "tmpfs is a local filesystem"),
				local("/srv/app/locks", "/srv", "xfs", "xfs is a local filesystem"),
				local("/data/locks", "/data", "btrfs", "btrfs is a local filesystem"),
				local("/tmp/locks", "/", "ext4", "ext4 is a local filesystem"),
				remote("/mnt/nfs4/locks", "/mnt/nfs4", "nfs4", CLUSTER, CLUSTER, null, "with NFSv4 protocol locks"),
				// mounted with -o nolock,local_lock=all: Linux drops both for NFSv4, mountinfo shows local_lock=none
				remote("/mnt/nfs4-asked-local/l", "/mnt/nfs4-asked-local", "nfs4", CLUSTER, CLUSTER, null,
						"with NFSv4 protocol locks"),
				remote("/mnt/nfs3-flock/l", "/mnt/nfs3-flock", "nfs", HOST, CLUSTER, "local_lock=flock",
						"local_lock=flock keeps flock locks on this client"),
				remote("/mnt/nfs3-posix/l", "/mnt/nfs3-posix", "nfs", CLUSTER, HOST, "local_lock=posix",
						"local_lock=posix keeps fcntl locks on this client"),
				remote("/mnt/nfs3-all/l", "/mnt/nfs3-all", "nfs", HOST, HOST, "local_lock=all",
						"local_lock=all keeps flock and fcntl locks on this client"),
				remote("/mnt/nfs4-unshown/l", "/mnt/nfs4-unshown", "nfs4", CLUSTER, CLUSTER, null, "NFS server enforces"),
				remote("/mnt/nfs3/l", "/mnt/nfs3", "nfs", CLUSTER, CLUSTER, null, "through NLM (NFSv3)"),
				remote("/mnt/nfs3-nolock/l", "/mnt/nfs3-nolock", "nfs", HOST, HOST, "nolock", "option nolock keeps"),
				remote("/lustre/scratch/l", "/lustre/scratch", "lustre", CLUSTER, CLUSTER, null, "metadata server"),
				remote("/lustre/local/l", "/lustre/local", "lustre", HOST, HOST, "localflock", "option localflock"),
				remote("/lustre/noflock/l", "/lustre/noflock", "lustre", NONE, NONE, "noflock", "fail with ENOSYS"),
				remote("/mnt/smb/l", "/mnt/smb", "cifs", CLUSTER, CLUSTER, null, "SMB server enforces"),
				remote("/mnt/smb-nobrl/l", "/mnt/smb-nobrl", "cifs", HOST, HOST, "nobrl", "option nobrl keeps"),
				remote("/mnt/smb3/l", "/mnt/smb3", "smb3", CLUSTER, CLUSTER, null, "SMB server enforces"),
				remote("/home/alice/remote/l", "/home/alice/remote", "fuse.sshfs", HOST, HOST, null,
						"sshfs implements no lock operations"),
				remote("/mnt/s3/l", "/mnt/s3", "fuse.s3fs", HOST, HOST, null, "s3fs implements no lock operations"),
				remote("/mnt/rclone/l", "/mnt/rclone", "fuse.rclone", UNKNOWN, UNKNOWN, null,
						"rclone FUSE daemon decides"),
				remote("/mnt/bindfs/l", "/mnt/bindfs", "fuse", UNKNOWN, UNKNOWN, null, "shows no subtype"),
				remote("/mnt/gluster/l", "/mnt/gluster", "fuse.glusterfs", UNKNOWN, UNKNOWN, null,
						"glusterfs FUSE daemon"),
				remote("/mnt/c/l", "/mnt/c", "9p", HOST, HOST, null, "9P2000.L client"),
				remote("/mnt/host/l", "/mnt/host", "9p", HOST, HOST, null, "QEMU's 9P server grants every lock"),
				remote("/mnt/host-legacy/l", "/mnt/host-legacy", "9p", HOST, NONE, "version=9p2000.u",
						"accepts fcntl(2) locks without locking anything"),
				remote("/mnt/shared/l", "/mnt/shared", "virtiofs", HOST, HOST, null, "this virtual machine only"),
				remote("/mnt/gfs2/l", "/mnt/gfs2", "gfs2", CLUSTER, CLUSTER, null, "GFS2 cluster lock manager"),
				remote("/mnt/gfs2-local/l", "/mnt/gfs2-local", "gfs2", HOST, HOST, "localflocks", "option localflocks"),
				remote("/mnt/ocfs2/l", "/mnt/ocfs2", "ocfs2", CLUSTER, CLUSTER, null, "OCFS2"),
				remote("/mnt/ocfs2-o2cb/l", "/mnt/ocfs2-o2cb", "ocfs2", CLUSTER, HOST, null, "o2cb cluster stack"),
				remote("/mnt/ocfs2-localflocks/l", "/mnt/ocfs2-localflocks", "ocfs2", HOST, HOST, "localflocks",
						"option localflocks"),
				remote("/mnt/cephfs/l", "/mnt/cephfs", "ceph", CLUSTER, CLUSTER, null, "Ceph metadata server"),
				local("/var/lib/docker/overlay2/abc/merged/tmp/l", "/var/lib/docker/overlay2/abc/merged", "overlay",
						"only processes using this overlay mount"),
				// a bind mount of /home/shared of the root filesystem
				local("/mnt/bind/l", "/mnt/bind", "ext4", "ext4 is a local filesystem"),
				local("/mnt/my disk/locks", "/mnt/my disk", "ext4", "ext4"),
				// a tmpfs mounted below the NFS mount, and a sibling whose name only starts the same
				local("/mnt/nfs4/scratch/app/locks", "/mnt/nfs4/scratch", "tmpfs", "tmpfs"),
				remote("/mnt/nfs4/scratchy/locks", "/mnt/nfs4", "nfs4", CLUSTER, CLUSTER, null, "NFS server"),
				local("/mnt/odd\ttab\\slash\nnewline/l", "/mnt/odd\ttab\\slash\nnewline", "tmpfs", "tmpfs"),
				// a tmpfs stacked on an NFS mount, and a mount of the NFS mount hidden below it
				local("/mnt/stack/l", "/mnt/stack", "tmpfs", "tmpfs"),
				local("/mnt/stack/inner/l", "/mnt/stack", "tmpfs", "tmpfs"),
				remote("/mnt/twice/l", "/mnt/twice", "nfs", CLUSTER, CLUSTER, null, "NLM"),
				// symbolic links: /var/lock/app → /mnt/nfs3-nolock/app, /opt/app/locks → /run/lock/app
				remote("/var/lock/app/sub", "/mnt/nfs3-nolock", "nfs", HOST, HOST, "nolock", "option nolock"),
				local("/opt/app/locks", "/run", "tmpfs", "tmpfs"),
				Arguments.of("/mnt/afs/l", "/mnt/afs", "afs", UNKNOWN, UNKNOWN, null, "type afs is not known", true));
	}

	private static Arguments local(String path, String mount, String type, String fragment) {
		return Arguments.of(path, mount, type, HOST, HOST, null, fragment, false);
	}

	private static Arguments remote(String path, String mount, String type, Reach flock, Reach fcntl,
			@Nullable String option, String fragment) {
		return Arguments.of(path, mount, type, flock, fcntl, option, fragment, true);
	}

	@ParameterizedTest(name = "{0}: {2}, flock {3}, fcntl {4}")
	@MethodSource("catalogue")
	void mapsPathToMountScopeAndMessages(String path, String mount, String type, Reach flock, Reach fcntl,
			@Nullable String option, String fragment, boolean warnsUnlessCluster) {
		ScopeReport forFlock = PROBE.probe(Path.of(path), LockStrategy.FLOCK);
		ScopeReport forFcntl = PROBE.probe(Path.of(path), LockStrategy.FCNTL);
		assertThat(forFlock.mountPoint()).isEqualTo(mount);
		assertThat(forFlock.fsType()).isEqualTo(type);
		assertThat(forFlock.reach()).as("flock").isEqualTo(flock);
		assertThat(forFcntl.reach()).as("fcntl").isEqualTo(fcntl);
		ScopeReport weaker = (flock.weaker(fcntl) == flock) ? forFlock : forFcntl;
		assertThat(weaker.verdict().option()).as("option").isEqualTo(option);
		assertThat(weaker.verdict().reason()).as("reason").contains(fragment);
		for (ScopeReport report : new ScopeReport[] { forFlock, forFcntl }) {
			String call = report.strategy().name().toLowerCase(Locale.ROOT);
			assertThat(report.summary()).startsWith(type + " (mount " + mount + "), scope " + report.reach().word());
			Optional<String> warning = report.warning("File locks in " + path);
			assertThat(warning.isPresent()).as("warning for " + call)
				.isEqualTo(warnsUnlessCluster && report.reach() != CLUSTER);
			warning.ifPresent((text) -> assertThat(text)
				.startsWith("File locks in " + path + " are on " + type + " mount " + mount + ", where ")
				.contains("(" + call + ")", report.verdict().reason())
				.contains((report.verdict().option() != null) ? "Responsible option: " + report.verdict().option()
						: "No mount option decides this"));
			Optional<String> refusal = report.clusterRefusal("The lock directory " + path);
			assertThat(refusal.isPresent()).as("refused under scope cluster").isEqualTo(report.reach() != CLUSTER);
			refusal.ifPresent((text) -> assertThat(text).startsWith("The lock directory " + path + " is on " + type
					+ " mount " + mount + ", scope " + report.reach().word() + " (" + call + "): "));
		}
	}

}
