package io.filelock.engine.file.scope;

/**
 * How far the exclusion of a file lock reaches. Ordered from the weakest guarantee to the
 * strongest, so that {@link #weaker(LockScope)} can combine the scopes of two lock calls.
 */
public enum LockScope {

	/** The lock call succeeds or fails but excludes nobody: it is not enforced at all. */
	NONE("locks are not enforced"),

	/** Nothing tells how far the lock reaches; treat it as not even host-wide. */
	UNKNOWN("the reach of locks is unknown"),

	/** Locks exclude the processes of this host (this kernel) only. */
	HOST("locks exclude processes of this host only"),

	/** A server or a cluster lock manager enforces locks for every client that mounts the filesystem. */
	CLUSTER("locks exclude processes on every host that mounts this filesystem");

	private final String summary;

	LockScope(String summary) {
		this.summary = summary;
	}

	/** One phrase for log lines, such as "locks exclude processes of this host only". */
	public String summary() {
		return this.summary;
	}

	/** The lower-case word used in messages and settings: {@code host}, {@code cluster}, ... */
	public String word() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/** The weaker of the two scopes (the guarantee that holds for both). */
	public LockScope weaker(LockScope other) {
		return (compareTo(other) <= 0) ? this : other;
	}

}
