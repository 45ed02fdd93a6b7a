package io.filelock.engine.file.scope;

import java.util.List;
import java.util.Map;

/**
 * FUSE filesystems ({@code fuse}, {@code fuse.SUBTYPE}, {@code fuseblk.SUBTYPE}). The daemon
 * decides: the kernel sends lock calls to it only if it announced FUSE_POSIX_LOCKS /
 * FUSE_FLOCK_LOCKS at init, otherwise the kernel keeps the locks itself (fs/fuse/inode.c
 * {@code process_init_reply}, fs/fuse/file.c {@code fuse_file_lock}/{@code fuse_file_flock}).
 * libfuse announces them only for file systems that implement the lock/flock operations
 * (lib/fuse.c {@code fuse_fs_init}, lib/fuse_lowlevel.c). None of this shows in mountinfo,
 * so only daemons whose source was checked are named here; every other daemon is unknown.
 */
final class FuseRule implements ScopeRule {

	/** Subtype -> what its daemon does, as read in its source. */
	private static final Map<String, String> KERNEL_KEEPS_LOCKS = Map.of(
			"sshfs", "sshfs implements no lock operations",
			"s3fs", "s3fs implements no lock operations");

	private static final String ADVICE = "put lock files on a local directory, or on NFS or Lustre with cluster locking";

	@Override
	public boolean applies(FsFacts facts) {
		return facts.mainType().equals("fuse") || facts.mainType().equals("fuseblk");
	}

	@Override
	public Classification classify(FsFacts facts) {
		String subtype = facts.subtype();
		String known = KERNEL_KEEPS_LOCKS.get(subtype);
		if (known != null) {
			Verdict host = Verdict.host(known + ", so this host's kernel keeps flock and fcntl locks; other hosts"
					+ " mounting the same remote files are not excluded", null, ADVICE);
			return Classification.same(FsCategory.FUSE, host, null, List.of());
		}
		String who = subtype.isEmpty() ? "this FUSE daemon (the mount shows no subtype)"
				: "the " + subtype + " FUSE daemon";
		Verdict unknown = Verdict.unknown(who + " decides what lock calls do; the mount table does not show whether it"
				+ " forwards them, keeps them on this host or ignores them", null,
				"check the daemon's lock support, or " + ADVICE);
		return Classification.same(FsCategory.FUSE, unknown, null, List.of());
	}

}
