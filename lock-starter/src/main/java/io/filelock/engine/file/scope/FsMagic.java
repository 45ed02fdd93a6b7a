package io.filelock.engine.file.scope;

import java.util.Map;
import java.util.Set;

/**
 * {@code statfs(2)} {@code f_type} values (include/uapi/linux/magic.h, Lustre's
 * lustre_user.h, GFS2's gfs2_ondisk.h) and the mountinfo type names each one stands for,
 * to check the mount found in the table against what the kernel reaches. FUSE
 * filesystems (and virtiofs) share one magic, and mount options are not in
 * {@code statfs(2)} at all: it cannot replace the table.
 */
final class FsMagic {

	private static final Map<Long, Set<String>> TYPES = Map.ofEntries(
			Map.entry(0xEF53L, Set.of("ext2", "ext3", "ext4")),
			Map.entry(0x58465342L, Set.of("xfs")),
			Map.entry(0x9123683EL, Set.of("btrfs")),
			Map.entry(0x01021994L, Set.of("tmpfs")),
			Map.entry(0x858458f6L, Set.of("ramfs")),
			Map.entry(0x794c7630L, Set.of("overlay")),
			Map.entry(0x6969L, Set.of("nfs", "nfs4")),
			Map.entry(0xFF534D42L, Set.of("cifs", "smb3")),
			Map.entry(0xFE534D42L, Set.of("cifs", "smb3")),
			Map.entry(0x0BD00BD0L, Set.of("lustre")),
			Map.entry(0x01161970L, Set.of("gfs2")),
			Map.entry(0x7461636fL, Set.of("ocfs2")),
			Map.entry(0x00c36400L, Set.of("ceph")),
			Map.entry(0x01021997L, Set.of("9p")),
			Map.entry(0x65735546L, Set.of("fuse", "fuseblk", "virtiofs")),
			Map.entry(0x2fc12fc1L, Set.of("zfs")),
			Map.entry(0xF2F52010L, Set.of("f2fs")),
			Map.entry(0x73717368L, Set.of("squashfs")),
			Map.entry(0xE0F5E1E2L, Set.of("erofs")),
			Map.entry(0x4d44L, Set.of("vfat", "msdos")),
			Map.entry(0x2011BAB0L, Set.of("exfat")),
			Map.entry(0x9fa0L, Set.of("proc")));

	private FsMagic() {
	}

	private static Set<String> typesOf(long magic) {
		return TYPES.getOrDefault(magic & 0xFFFFFFFFL, Set.of());
	}

	/**
	 * Whether mountinfo type {@code fsType} and magic {@code magic} contradict each other;
	 * false when either is unknown to this table.
	 */
	static boolean contradicts(String fsType, long magic) {
		Set<String> types = typesOf(magic);
		String main = fsType.contains(".") ? fsType.substring(0, fsType.indexOf('.')) : fsType;
		boolean knownType = TYPES.values().stream().anyMatch((set) -> set.contains(main));
		return !types.isEmpty() && knownType && !types.contains(main);
	}

}
