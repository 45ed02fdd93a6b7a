package io.filelock.engine.file.scope;

import java.util.Locale;

/**
 * How far the exclusion of a file lock reaches. Ordered from the weakest guarantee to the
 * strongest, so that {@link #weaker(Reach)} can combine two of them.
 */
public enum Reach {

	/** The lock call fails or succeeds without excluding anybody: locks are not enforced. */
	NONE,

	/** Nothing tells how far the lock reaches; treated as not even host-wide. */
	UNKNOWN,

	/** Locks exclude the processes of this host (this kernel) only. */
	HOST,

	/** A server or a cluster lock manager enforces locks for every host that mounts the filesystem. */
	CLUSTER;

	/**
	 * The word used in messages and details: {@code none}, {@code unknown}, {@code host},
	 * {@code cluster}.
	 */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The weaker of the two (the guarantee that holds for both).
	 */
	public Reach weaker(Reach other) {
		return (compareTo(other) <= 0) ? this : other;
	}

}
