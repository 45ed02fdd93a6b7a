package io.filelock.engine.file.scope;

/**
 * The lock call a lock file is taken with, because on several filesystems the scope of
 * {@code flock(2)} differs from that of {@code fcntl(2)} record locks (NFS with
 * {@code local_lock=flock}, CIFS before Linux 5.5, OCFS2 with the o2cb stack, legacy 9P).
 * {@link #BOTH} asks for the guarantee that holds for either call.
 */
public enum StrategyKind {

	/** {@code flock(2)}: the library's {@code FLOCK} strategy, {@code flock(1)}. */
	FLOCK,

	/** {@code fcntl(2)} record locks: the {@code FCNTL} strategy, {@code FileChannel.lock()}. */
	FCNTL,

	/** Either call: the weaker of the two scopes. */
	BOTH;

	/** Lower-case name as written in messages: {@code flock}, {@code fcntl}, {@code flock and fcntl}. */
	public String word() {
		return (this == BOTH) ? "flock and fcntl" : name().toLowerCase(java.util.Locale.ROOT);
	}

}
