package io.filelock;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Named locks that exclude other threads of this JVM, other JVMs and other programs
 * ({@code flock(1)}, Python {@code fcntl.flock}) that lock the same file.
 * <p>
 * A lock named {@code N} is the file {@code N.lock} in the lock directory, unless a path
 * is configured for it. Locks are reentrant per thread; a thread that holds a lock
 * {@link LockMode#SHARED shared} cannot upgrade it to {@link LockMode#EXCLUSIVE}. A
 * {@link LockRequest#detached() detached} request takes a hold that belongs to no thread,
 * for work that outlives the acquiring call: its handle may be closed from any thread, and
 * it is never re-entered.
 * <p>
 * Build one without Spring through {@link #builder()}, and close it when done with it;
 * with Spring Boot it is an auto-configured bean. An implementation of its own needs
 * only {@link #acquire(LockRequest)} and {@link #tryAcquire(LockRequest)}; one that
 * asynchronous {@code @FileLocked} methods and the Spring Integration and ShedLock
 * adapters lock through must honour {@link LockRequest#detached()} (a decorator that
 * passes the request on does).
 */
public interface LockManager extends AutoCloseable {

	/**
	 * Acquires a lock as {@code request} describes, waiting at most its timeout.
	 * @param request the lock's name, mode, timeout and metric name
	 * @return the handle to close to release the lock
	 * @throws LockTimeoutException if it is still held elsewhere when the timeout ends
	 * @throws LockInterruptedException if the thread is interrupted while waiting
	 * @throws LockException if the lock cannot be used (an unusable lock file, a bad
	 * name)
	 */
	LockHandle acquire(LockRequest request);

	/**
	 * Acquires a lock as {@code request} describes, but returns empty, without throwing
	 * or logging a warning, when it is still held elsewhere at the timeout: for callers
	 * that skip their work then, such as {@code @FileLocked(onTimeout = SKIP)}.
	 * @param request the lock's name, mode, timeout and metric name
	 * @return the handle to close to release the lock, or empty if the lock was still
	 * held elsewhere at the timeout
	 * @throws LockInterruptedException if the thread is interrupted while waiting
	 * @throws LockException if the lock cannot be used
	 */
	Optional<LockHandle> tryAcquire(LockRequest request);

	/**
	 * Acquires the lock exclusively, waiting at most the configured timeout.
	 * @param name the lock's name
	 * @return the handle to close to release the lock
	 * @see #acquire(LockRequest)
	 */
	default LockHandle acquire(String name) {
		return acquire(LockRequest.of(name));
	}

	/**
	 * Acquires the lock in the given mode, waiting at most the configured timeout.
	 * @param name the lock's name
	 * @param mode exclusive or shared
	 * @return the handle to close to release the lock
	 * @see #acquire(LockRequest)
	 */
	default LockHandle acquire(String name, LockMode mode) {
		return acquire(LockRequest.of(name).withMode(mode));
	}

	/**
	 * Acquires the lock, waiting at most {@code timeout}. {@link Duration#ZERO} makes
	 * exactly one attempt.
	 * @param name the lock's name
	 * @param mode exclusive or shared
	 * @param timeout how long to wait at most
	 * @return the handle to close to release the lock
	 * @see #acquire(LockRequest)
	 */
	default LockHandle acquire(String name, LockMode mode, Duration timeout) {
		return acquire(LockRequest.of(name).withMode(mode).withTimeout(timeout));
	}

	/**
	 * Makes exactly one attempt and never waits.
	 * @param name the lock's name
	 * @param mode exclusive or shared
	 * @return the handle, or empty if the lock is held elsewhere
	 * @throws LockException if the lock cannot be used
	 */
	default Optional<LockHandle> tryAcquire(String name, LockMode mode) {
		return tryAcquire(LockRequest.of(name).withMode(mode).withTimeout(Duration.ZERO));
	}

	/**
	 * Runs {@code action} while holding the lock exclusively, with the configured
	 * timeout, and returns its result.
	 * @param <T> the type of the result
	 * @param name the lock's name
	 * @param action what to run under the lock
	 * @return what {@code action} returned
	 */
	default <T> T withLock(String name, Supplier<T> action) {
		return withLock(name, LockMode.EXCLUSIVE, action);
	}

	/**
	 * Runs {@code action} while holding the lock in the given mode, with the configured
	 * timeout, and returns its result.
	 * @param <T> the type of the result
	 * @param name the lock's name
	 * @param mode exclusive or shared
	 * @param action what to run under the lock
	 * @return what {@code action} returned
	 */
	default <T> T withLock(String name, LockMode mode, Supplier<T> action) {
		try (LockHandle ignored = acquire(name, mode)) {
			return action.get();
		}
	}

	/**
	 * Runs {@code action} while holding the lock exclusively, with the configured
	 * timeout.
	 * @param name the lock's name
	 * @param action what to run under the lock
	 */
	default void runWithLock(String name, Runnable action) {
		try (LockHandle ignored = acquire(name)) {
			action.run();
		}
	}

	/**
	 * Releases what the manager keeps for quick reuse (open lock files, connections).
	 * Locks still held are untouched, and the manager stays usable. Spring calls it when
	 * the context closes. Does nothing by default.
	 */
	@Override
	default void close() {
	}

	/**
	 * A builder for use without Spring.
	 * @return a builder with the defaults
	 */
	static LockManagerBuilder builder() {
		return new LockManagerBuilder();
	}

}
