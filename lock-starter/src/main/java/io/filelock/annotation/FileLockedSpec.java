package io.filelock.annotation;

import java.lang.reflect.Method;
import java.time.Duration;

import io.filelock.LockMode;
import io.filelock.LockRequest;
import io.filelock.OnTimeout;
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
 * @param skipResult what a skipped call returns: {@code null}, an empty
 * {@code Optional} or the primitive default
 */
record FileLockedSpec(Method method, LockNameTemplate name, LockMode mode, @Nullable Duration timeout,
		OnTimeout onTimeout, @Nullable Object skipResult) {

	/**
	 * The acquisition of one call; metrics see the name template, not the name.
	 */
	LockRequest request(@Nullable Object[] args, @Nullable Object target, Class<?> targetClass) {
		return new LockRequest(this.name.evaluate(this.method, args, target, targetClass), this.mode, this.timeout,
				this.name.text());
	}

	/**
	 * The method, as {@code com.example.Service.method(String)}.
	 */
	String description() {
		return InvalidFileLockedException.describe(this.method);
	}

}
