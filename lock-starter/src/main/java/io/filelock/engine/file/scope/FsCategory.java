package io.filelock.engine.file.scope;

/**
 * What kind of filesystem a mount is; decides whether a host-only scope deserves a warning
 * (it does everywhere except on {@link #LOCAL} filesystems, where host-only is expected).
 */
public enum FsCategory {

	/** A disk, memory or stacking filesystem of this kernel (ext4, xfs, btrfs, tmpfs, overlay, ...). */
	LOCAL,

	/** A filesystem served over a network or to a virtual machine (NFS, CIFS, Lustre, Ceph, 9P, virtiofs). */
	NETWORK,

	/** A shared-disk cluster filesystem (GFS2, OCFS2). */
	SHARED_DISK,

	/** A FUSE filesystem: a user-space daemon decides what lock calls do. */
	FUSE,

	/** A filesystem type this component does not know. */
	UNKNOWN

}
