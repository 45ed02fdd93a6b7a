package io.filelock.annotation;

import io.filelock.LockManager;
import io.filelock.LockRequest;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * How a call of a {@link io.filelock.FileLocked @FileLocked} method holds its lock, chosen
 * once per method by what it returns: until it returns ({@link SynchronousCall}), until
 * the stage it returns completes ({@link CompletionStageCall}), or for each subscription
 * of the {@code Mono} or {@code Flux} it returns ({@link ReactorCall}).
 */
interface LockedCall {

	/**
	 * Runs one call of the method under the lock {@code request} describes.
	 * @return what the caller gets: the method's result, or what stands for it
	 */
	@Nullable Object proceed(MethodInvocation invocation, FileLockedSpec spec, LockRequest request,
			LockManager manager) throws Throwable;

}
