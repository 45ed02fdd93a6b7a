package io.filelock;

/**
 * How far the locks of a {@link LockManager} must exclude other processes; see
 * {@link LockManagerBuilder#scope(LockScope)}.
 */
public enum LockScope {

	/**
	 * The processes of this host. Lock files on a network or FUSE filesystem whose locks
	 * stay on this host, or whose reach is unknown, are used all the same, with a
	 * warning that names the mount and the option responsible.
	 */
	HOST,

	/**
	 * The processes of every host that mounts the lock directory: the filesystem's server
	 * or cluster lock manager must enforce the locks (NFS without local locking, Lustre
	 * with {@code flock}, GFS2, OCFS2, CephFS, SMB without {@code nobrl}). Building a
	 * manager whose lock directory or lock files are anywhere else, a local filesystem
	 * included, fails with a {@link LockScopeException}.
	 */
	CLUSTER

}
