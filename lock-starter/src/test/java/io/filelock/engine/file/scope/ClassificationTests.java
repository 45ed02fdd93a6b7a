package io.filelock.engine.file.scope;

import io.filelock.LockStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules beyond the catalogue: option precedence, kernel versions, types only a file store
 * names.
 */
class ClassificationTests {

	private static Classification classify(String type, String options, KernelVersion kernel) {
		return ScopeClassifier.classify(new FsFacts(type, MountOptions.of(options.split(",")), kernel));
	}

	private static Classification classify(String type, String options) {
		return classify(type, options, new KernelVersion(6, 8));
	}

	@Test
	void nfsNolockOverridesLocalLockAsNfs5Says() {
		Classification c = classify("nfs", "vers=3,nolock,local_lock=none");
		assertThat(c.flock().reach()).isEqualTo(Reach.HOST);
		assertThat(c.fcntl().option()).isEqualTo("nolock");
	}

	@Test
	void nfsWithoutLocalLockDefaultsToServerLocksAndFlockMeetsFcntl() {
		Classification c = classify("nfs4", "vers=4.2");
		assertThat(c.verdict(LockStrategy.FLOCK).reach()).isEqualTo(Reach.CLUSTER);
		assertThat(c.verdict(LockStrategy.FCNTL).reach()).isEqualTo(Reach.CLUSTER);
		assertThat(c.interplay()).contains("exclude each other");
		assertThat(classify("nfs4", "vers=4.2,local_lock=flock").interplay()).isNull();
	}

	@Test
	void nfsv3AdviceMentionsStatdButNfsv4DoesNot() {
		assertThat(classify("nfs", "vers=3,nolock,local_lock=all").flock().advice()).contains("rpc.statd");
		assertThat(classify("nfs4", "vers=4.1,local_lock=all").flock().advice()).doesNotContain("rpc.statd");
	}

	@Test
	void localLockShownOnNfs4IsHonouredBecauseMountinfoShowsTheFlagsInEffect() {
		// Linux clears nolock/local_lock for NFSv4 at mount time, so real NFSv4 lines show
		// local_lock=none; a kernel that kept them would show them, and nfs_flock() obeys the flag.
		Classification c = classify("nfs4", "vers=4.1,local_lock=flock");
		assertThat(c.flock().reach()).isEqualTo(Reach.HOST);
		assertThat(c.fcntl().reach()).isEqualTo(Reach.CLUSTER);
	}

	@Test
	void unrecognisedLocalLockValueIsUnknown() {
		assertThat(classify("nfs4", "local_lock=weird").flock().reach()).isEqualTo(Reach.UNKNOWN);
	}

	@Test
	void cifsFlockReachesTheServerOnlySinceLinux55() {
		assertThat(classify("cifs", "vers=3.1.1", new KernelVersion(5, 5)).flock().reach()).isEqualTo(Reach.CLUSTER);
		Classification old = classify("cifs", "vers=3.1.1", new KernelVersion(5, 4));
		assertThat(old.flock().reach()).isEqualTo(Reach.HOST);
		assertThat(old.fcntl().reach()).isEqualTo(Reach.CLUSTER);
		assertThat(old.interplay()).contains("mandatory").doesNotContain("exclude each other");
		assertThat(classify("cifs", "vers=3.1.1", KernelVersion.UNKNOWN).flock().reach()).isEqualTo(Reach.UNKNOWN);
	}

	@Test
	void lustreWithoutAFlockOptionIsUnknown() {
		assertThat(classify("lustre", "rw,checksum").flock().reason()).contains("2.12.3");
		assertThat(classify("lustre", "rw,checksum").flock().reach()).isEqualTo(Reach.UNKNOWN);
	}

	@Test
	void gfs2LockNolockAndOcfs2LocalMountAreHostOnly() {
		assertThat(classify("gfs2", "rw,lockproto=lock_nolock").fcntl().option()).isEqualTo("lockproto=lock_nolock");
		assertThat(classify("ocfs2", "rw,heartbeat=none").flock().reach()).isEqualTo(Reach.HOST);
		assertThat(classify("ocfs2", "rw,heartbeat=local,cluster_stack=o2cb").fcntl().reach()).isEqualTo(Reach.HOST);
	}

	@Test
	void legacy9pWithNoextendIgnoresFcntl() {
		Classification c = classify("9p", "rw,noextend,trans=tcp");
		assertThat(c.fcntl().reach()).isEqualTo(Reach.NONE);
		assertThat(c.flock().reach()).isEqualTo(Reach.HOST);
		assertThat(classify("9p", "rw,version=9p2000.L,trans=virtio").fcntl().reach()).isEqualTo(Reach.HOST);
	}

	@Test
	void fuseblkWithAKnownSubtypeAndWithoutAreHandledLikeFuse() {
		assertThat(classify("fuseblk", "rw").category()).isEqualTo(FsCategory.FUSE);
		assertThat(classify("fuse.sshfs", "rw").flock().reach()).isEqualTo(Reach.HOST);
	}

	@Test
	void typesOnlyAFileStoreNamesAreLocalWhereTheyAre() {
		assertThat(classify("apfs", "").category()).isEqualTo(FsCategory.LOCAL);
		assertThat(classify("ntfs", "").flock().reach()).isEqualTo(Reach.HOST);
		assertThat(classify("smbfs", "").flock().reach()).isEqualTo(Reach.UNKNOWN);
	}

	@Test
	void weakerOfTwoReachesIsTheGuaranteeForBoth() {
		assertThat(Reach.NONE.weaker(Reach.CLUSTER)).isEqualTo(Reach.NONE);
		assertThat(Reach.CLUSTER.weaker(Reach.UNKNOWN)).isEqualTo(Reach.UNKNOWN);
		assertThat(Reach.HOST.weaker(Reach.CLUSTER)).isEqualTo(Reach.HOST);
	}

	@Test
	void kernelVersionParsesReleases() {
		assertThat(KernelVersion.parse("6.18.44-fc-v857")).isEqualTo(new KernelVersion(6, 18));
		assertThat(KernelVersion.parse("5.4.0-150-generic").atLeast(5, 5)).isFalse();
		assertThat(KernelVersion.parse("garbage")).isEqualTo(KernelVersion.UNKNOWN);
		assertThat(KernelVersion.UNKNOWN.atLeast(0, 0)).isFalse();
	}

}
