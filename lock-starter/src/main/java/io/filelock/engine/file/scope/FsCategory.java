package io.filelock.engine.file.scope;

/**
 * What kind of filesystem a mount is. Decides whether locks that reach this host only
 * deserve a warning: they do everywhere except on {@link #LOCAL} filesystems, where
 * nobody expects more.
 */
public enum FsCategory {

	/** A disk, memory or stacking filesystem of this kernel (ext4, xfs, btrfs, tmpfs, overlay, …). */
	LOCAL,

	/** A filesystem served over a network or to a virtual machine (NFS, SMB, Lustre, Ceph, 9P, virtiofs). */
	NETWORK,

	/** A shared-disk cluster filesystem (GFS2, OCFS2). */
	SHARED_DISK,

	/** A FUSE filesystem: a user-space daemon decides what lock calls do. */
	FUSE,

	/** A filesystem type no rule knows, or none could be found. */
	UNKNOWN

}
