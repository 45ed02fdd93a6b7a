package io.filelock.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockRequest;
import io.filelock.OnTimeout;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What {@link io.filelock.FileLocked @FileLocked} asks of one method, read once when the
 * application starts.
 *
 * @param method the method as declared by the target class
 * @param name the lock name template
 * @param mode the lock mode
 * @param timeout how long to wait, or null for the lock's configured timeout
 * @param onTimeout what to do when the lock is not acquired in time
 * @param skipResult what a skipped synchronous call returns: {@code null}, an empty
 * {@code Optional} or the primitive default
 * @param call how a call holds the lock, by what the method returns
 */
record FileLockedSpec(Method method, LockNameTemplate name, LockMode mode, @Nullable Duration timeout,
		OnTimeout onTimeout, @Nullable Object skipResult, LockedCall call) {

	/** Skipped calls are logged under the interceptor's name, where users look for them. */
	private static final Log logger = LogFactory.getLog(FileLockInterceptor.class);

	/**
	 * The acquisition of one call; metrics see the name template, not the name.
	 */
	LockRequest request(@Nullable Object[] args, @Nullable Object target, Class<?> targetClass) {
		return new LockRequest(this.name.evaluate(this.method, args, target, targetClass), this.mode, this.timeout,
				this.name.text());
	}

	/**
	 * Acquires the lock as {@link #onTimeout()} says: empty if it is to be skipped.
	 */
	Optional<LockHandle> acquire(LockManager manager, LockRequest request) {
		return (this.onTimeout == OnTimeout.SKIP) ? manager.tryAcquire(request) : Optional.of(manager.acquire(request));
	}

	/**
	 * Logs one INFO line for a call skipped under {@link OnTimeout#SKIP}: a scheduled job
	 * that another instance is running shows, each time, that it was skipped on purpose.
	 */
	void logSkipped(LockRequest request) {
		logger.info("Skipped " + description() + ": file lock '" + request.name()
				+ "' is held elsewhere (onTimeout = SKIP)");
	}

	/**
	 * The method, as {@code com.example.Service.method(String)}.
	 */
	String description() {
		return InvalidFileLockedException.describe(this.method);
	}

}
