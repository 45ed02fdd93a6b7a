package io.filelock;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Named file locks that exclude other threads of this JVM, other JVMs and other programs
 * ({@code flock(1)}, Python {@code fcntl.flock}) that lock the same file.
 * <p>
 * A lock named {@code N} is the file {@code N.lock} in the lock directory, unless a path
 * is configured for it. Locks are reentrant per thread; a thread that holds a lock
 * {@link LockMode#SHARED shared} cannot upgrade it to {@link LockMode#EXCLUSIVE}.
 * <p>
 * Build one without Spring through {@link #builder()}; with Spring Boot it is an
 * auto-configured bean.
 */
public interface LockManager {

	/**
	 * Acquires the lock exclusively, waiting at most the configured timeout.
	 * @throws LockTimeoutException if it is still held elsewhere when the timeout ends
	 * @throws LockInterruptedException if the thread is interrupted while waiting
	 * @throws LockException if the lock file cannot be used
	 */
	default LockHandle acquire(String name) {
		return acquire(name, LockMode.EXCLUSIVE);
	}

	/**
	 * Acquires the lock in the given mode, waiting at most the configured timeout.
	 */
	LockHandle acquire(String name, LockMode mode);

	/**
	 * Acquires the lock, waiting at most {@code timeout}. {@link Duration#ZERO} makes
	 * exactly one attempt.
	 */
	LockHandle acquire(String name, LockMode mode, Duration timeout);

	/**
	 * Makes exactly one attempt and never waits.
	 * @return the handle, or empty if the lock is held elsewhere
	 * @throws LockException if the lock file cannot be used
	 */
	Optional<LockHandle> tryAcquire(String name, LockMode mode);

	/**
	 * Runs {@code action} while holding the lock exclusively, with the configured
	 * timeout, and returns its result.
	 */
	default <T> T withLock(String name, Supplier<T> action) {
		return withLock(name, LockMode.EXCLUSIVE, action);
	}

	/**
	 * Runs {@code action} while holding the lock in the given mode, with the configured
	 * timeout, and returns its result.
	 */
	default <T> T withLock(String name, LockMode mode, Supplier<T> action) {
		try (LockHandle ignored = acquire(name, mode)) {
			return action.get();
		}
	}

	/**
	 * Runs {@code action} while holding the lock exclusively, with the configured
	 * timeout.
	 */
	default void runWithLock(String name, Runnable action) {
		try (LockHandle ignored = acquire(name)) {
			action.run();
		}
	}

	/**
	 * A builder for use without Spring.
	 */
	static LockManagerBuilder builder() {
		return new LockManagerBuilder();
	}

}
