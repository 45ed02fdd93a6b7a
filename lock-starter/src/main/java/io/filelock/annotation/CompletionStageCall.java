package io.filelock.annotation;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockRequest;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Holds the lock of a method that returns a {@link CompletionStage} or
 * {@link CompletableFuture} until that stage completes, normally or exceptionally.
 * <p>
 * The calling thread takes the lock before the method runs, waiting as for a synchronous
 * method, as a {@link LockRequest#detached() detached} hold, which the thread that
 * completes the stage releases. The caller gets a new stage that completes with the
 * method's outcome once the lock is released, so that what the caller chains on it runs
 * after the release (it may take the same lock again). Cancelling that stage does not
 * release the lock: cancelling a {@code CompletableFuture} does not stop its work, so the
 * lock is held until the method's own stage completes. Failing to get the lock (a
 * timeout, an interrupt, an unusable lock file) fails the returned stage; with
 * {@code onTimeout = SKIP} the method is not invoked and the stage is complete with
 * {@code null}.
 */
final class CompletionStageCall implements LockedCall {

	static final CompletionStageCall INSTANCE = new CompletionStageCall();

	private CompletionStageCall() {
	}

	@Override
	public @Nullable Object proceed(MethodInvocation invocation, FileLockedSpec spec, LockRequest request,
			LockManager manager) throws Throwable {
		Optional<LockHandle> handle;
		try {
			handle = spec.acquire(manager, request.withDetached(true));
		}
		catch (LockException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (handle.isEmpty()) {
			spec.logSkipped(request);
			return CompletableFuture.completedFuture(null);
		}
		LockHandle held = handle.get();
		Object stage;
		try {
			stage = invocation.proceed();
		}
		catch (Throwable ex) {
			held.close();
			throw ex;
		}
		if (stage == null) {
			held.close();
			return null;
		}
		CompletableFuture<@Nullable Object> released = new CompletableFuture<>();
		((CompletionStage<?>) stage).whenComplete((value, failure) -> {
			try {
				held.close();
			}
			finally {
				if (failure != null) {
					released.completeExceptionally(failure);
				}
				else {
					released.complete(value);
				}
			}
		});
		return released;
	}

}
