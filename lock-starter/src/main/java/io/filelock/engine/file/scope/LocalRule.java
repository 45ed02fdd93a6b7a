package io.filelock.engine.file.scope;

import java.util.List;
import java.util.Set;

/**
 * Filesystems of this kernel: their file operations have no {@code .lock}/{@code .flock}, so
 * fs/locks.c keeps locks on the inode, shared by every process of this host that opens the
 * same inode (bind mounts and containers included). Overlayfs also has no lock operations
 * (fs/overlayfs/file.c) and its files have their own overlay inodes, so a lock taken through
 * one overlay mount is not seen through another overlay mount or the upper directory.
 */
final class LocalRule implements ScopeRule {

	private static final Set<String> LOCAL = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "ramfs",
			"zfs", "f2fs", "bcachefs", "jfs", "reiserfs", "nilfs2", "vfat", "msdos", "exfat", "ntfs3", "hfsplus",
			"squashfs", "erofs", "iso9660", "udf", "hugetlbfs", "devtmpfs", "overlay",
			// as java.nio.file.FileStore#type() names them where there is no mount table (macOS, Windows)
			"apfs", "hfs", "ufs", "ntfs", "refs", "fat32");

	@Override
	public boolean applies(FsFacts facts) {
		return LOCAL.contains(facts.mainType());
	}

	@Override
	public Classification classify(FsFacts facts) {
		String reason = facts.mainType() + " is a local filesystem: this host's kernel keeps the locks";
		if (facts.mainType().equals("overlay")) {
			reason += " on the overlay's own inodes, so only processes using this overlay mount are excluded,"
					+ " not those using another overlay mount or the upper directory";
		}
		Verdict host = Verdict.host(reason, null, "use a filesystem with cluster-wide locks (NFS without local"
				+ " locking, Lustre with flock, GFS2, OCFS2, CIFS without nobrl, CephFS)");
		return Classification.same(FsCategory.LOCAL, host, null, List.of());
	}

}
