package io.filelock;

import java.nio.file.Path;
import java.time.Instant;

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
	 * The lock file.
	 * @return its path
	 */
	Path path();

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
	 * Releases this handle. The operating-system lock goes when the last handle of this
	 * JVM on the lock is closed. Idempotent, also when called from two threads at once.
	 */
	@Override
	void close();

}
