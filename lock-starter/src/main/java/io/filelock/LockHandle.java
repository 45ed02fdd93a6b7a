package io.filelock;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A hold of a lock. Close it to release; closing twice does nothing. A handle belongs to
 * the thread that acquired it, unless it was acquired by a
 * {@link LockRequest#detached() detached} request: then it belongs to no thread and may
 * be closed from any thread.
 *
 * <pre class="code">
 * try (LockHandle lock = lockManager.acquire("counter")) {
 *     // read, modify, write
 * }
 * </pre>
 */
public interface LockHandle extends AutoCloseable {

	/**
	 * The lock's name, as given to {@link LockManager#acquire(String)}.
	 * @return the name
	 */
	String name();

	/**
	 * The lock file, if the lock is held on a file; empty if it is held elsewhere (a
	 * PostgreSQL advisory lock).
	 * @return the lock file, or empty
	 */
	Optional<Path> file();

	/**
	 * What the lock is held on, for messages: {@code file /var/lock/app/job.lock}, or
	 * {@code PostgreSQL advisory lock -7808164175789869309 ('counter')}.
	 * @return the resource, in words
	 */
	String resource();

	/**
	 * The lock file.
	 * @return its path
	 * @throws IllegalStateException if the lock is not held on a file
	 * @deprecated a lock need not be held on a file: use {@link #file()} or
	 * {@link #resource()}
	 */
	@Deprecated(since = "0.1.0")
	default Path path() {
		return file().orElseThrow(() -> new IllegalStateException("Lock '" + name()
				+ "' is not held on a file but on " + resource() + ": use LockHandle.file() or LockHandle.resource()"));
	}

	/**
	 * The mode the lock was acquired in.
	 * @return exclusive or shared
	 */
	LockMode mode();

	/**
	 * When this handle was acquired.
	 * @return the instant the acquisition succeeded
	 */
	Instant acquiredAt();

	/**
	 * Whether this handle still holds its lock: false once it is closed, and false once
	 * the lock was lost underneath it (the database session that held it ended). A lost
	 * lock no longer excludes anyone; work done under it since cannot be undone by the
	 * lock, check this before committing it.
	 * @return true while the lock is held
	 */
	default boolean isValid() {
		return true;
	}

	/**
	 * Releases this handle. The operating-system lock goes when the last handle of this
	 * JVM on the lock is closed. Idempotent, also when called from two threads at once.
	 */
	@Override
	void close();

}
