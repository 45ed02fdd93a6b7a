package io.filelock.engine.file.scope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules beyond the catalogue: option precedence, kernel versions, combining strategies. */
class ClassificationTests {

	private static Classification classify(String type, String options, KernelVersion kernel) {
		return ScopeClassifier.classify(new FsFacts(type, "s:/e", MountOptions.of(options.split(",")), kernel));
	}

	private static Classification classify(String type, String options) {
		return classify(type, options, new KernelVersion(6, 8));
	}

	@Test
	void nfsNolockOverridesLocalLockAsNfs5Says() {
		Classification c = classify("nfs", "vers=3,nolock,local_lock=none");
		assertThat(c.flock().scope()).isEqualTo(LockScope.HOST);
		assertThat(c.fcntl().option()).isEqualTo("nolock");
	}

	@Test
	void nfsWithoutLocalLockDefaultsToServerLocksAndFlockMeetsFcntl() {
		Classification c = classify("nfs4", "vers=4.2");
		assertThat(c.verdict(StrategyKind.BOTH).scope()).isEqualTo(LockScope.CLUSTER);
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
		assertThat(c.flock().scope()).isEqualTo(LockScope.HOST);
		assertThat(c.fcntl().scope()).isEqualTo(LockScope.CLUSTER);
	}

	@Test
	void unrecognisedLocalLockValueIsUnknown() {
		assertThat(classify("nfs4", "local_lock=weird").flock().scope()).isEqualTo(LockScope.UNKNOWN);
	}

	@Test
	void cifsFlockReachesTheServerOnlySinceLinux55() {
		assertThat(classify("cifs", "vers=3.1.1", new KernelVersion(5, 5)).flock().scope()).isEqualTo(LockScope.CLUSTER);
		Classification old = classify("cifs", "vers=3.1.1", new KernelVersion(5, 4));
		assertThat(old.flock().scope()).isEqualTo(LockScope.HOST);
		assertThat(old.fcntl().scope()).isEqualTo(LockScope.CLUSTER);
		assertThat(old.interplay()).contains("mandatory").doesNotContain("exclude each other");
		assertThat(classify("cifs", "vers=3.1.1", KernelVersion.UNKNOWN).flock().scope()).isEqualTo(LockScope.UNKNOWN);
	}

	@Test
	void lustreWithoutAFlockOptionIsUnknown() {
		assertThat(classify("lustre", "rw,checksum").flock().reason()).contains("2.12.3");
		assertThat(classify("lustre", "rw,checksum").flock().scope()).isEqualTo(LockScope.UNKNOWN);
	}

	@Test
	void gfs2LockNolockAndOcfs2LocalMountAreHostOnly() {
		assertThat(classify("gfs2", "rw,lockproto=lock_nolock").fcntl().option()).isEqualTo("lockproto=lock_nolock");
		assertThat(classify("ocfs2", "rw,heartbeat=none").flock().scope()).isEqualTo(LockScope.HOST);
		assertThat(classify("ocfs2", "rw,heartbeat=local,cluster_stack=o2cb").fcntl().scope()).isEqualTo(LockScope.HOST);
	}

	@Test
	void legacy9pWithNoextendIgnoresFcntl() {
		Classification c = classify("9p", "rw,noextend,trans=tcp");
		assertThat(c.fcntl().scope()).isEqualTo(LockScope.NONE);
		assertThat(c.flock().scope()).isEqualTo(LockScope.HOST);
		assertThat(classify("9p", "rw,version=9p2000.L,trans=virtio").fcntl().scope()).isEqualTo(LockScope.HOST);
	}

	@Test
	void fuseblkWithAKnownSubtypeAndWithoutAreHandledLikeFuse() {
		assertThat(classify("fuseblk", "rw").category()).isEqualTo(FsCategory.FUSE);
		assertThat(classify("fuse.sshfs", "rw").flock().scope()).isEqualTo(LockScope.HOST);
	}

	@Test
	void bothCombinesTheWeakerScopeOrBothReasons() {
		Verdict cluster = Verdict.cluster("a");
		Verdict host = Verdict.host("b", "opt", "fix");
		Classification mixed = new Classification(FsCategory.NETWORK, cluster, host, null, java.util.List.of());
		assertThat(mixed.verdict(StrategyKind.BOTH)).isSameAs(host);
		Classification sameScope = new Classification(FsCategory.NETWORK, Verdict.host("x", null, null), host, null,
				java.util.List.of());
		Verdict both = sameScope.verdict(StrategyKind.BOTH);
		assertThat(both.reason()).isEqualTo("flock: x; fcntl: b");
		assertThat(both.option()).isEqualTo("opt");
		assertThat(LockScope.NONE.weaker(LockScope.CLUSTER)).isEqualTo(LockScope.NONE);
		assertThat(LockScope.CLUSTER.weaker(LockScope.UNKNOWN)).isEqualTo(LockScope.UNKNOWN);
	}

	@Test
	void kernelVersionParsesReleases() {
		assertThat(KernelVersion.parse("6.18.44-fc-v857")).isEqualTo(new KernelVersion(6, 18));
		assertThat(KernelVersion.parse("5.4.0-150-generic").atLeast(5, 5)).isFalse();
		assertThat(KernelVersion.parse("garbage")).isEqualTo(KernelVersion.UNKNOWN);
		assertThat(KernelVersion.UNKNOWN.atLeast(0, 0)).isFalse();
	}

}
