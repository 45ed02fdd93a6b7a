package io.filelock;

/**
 * Where a {@link LockManager} holds its locks against other processes.
 */
public enum LockBackendKind {

	/**
	 * Lock files in the lock directory (or at configured paths), locked with
	 * {@code flock(2)} or POSIX locks: they exclude other processes of this host, and of
	 * other hosts on a file system whose locks reach a server.
	 */
	FILE,

	/**
	 * Nowhere: the locks exclude the threads of this JVM only. For applications and tests
	 * that run a single copy and switch file locks off ({@code file-lock.enabled=false}).
	 */
	LOCAL,

	/**
	 * Session-level advisory locks of a PostgreSQL server ({@link PostgresSettings}): they
	 * exclude every process of every host that locks through the same database, and
	 * {@code psql} scripts that take the same key.
	 */
	POSTGRES

}
