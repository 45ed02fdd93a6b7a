package io.filelock.annotation;

import java.util.Optional;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockRequest;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Holds the lock of a method whose work is done when it returns, on the calling thread,
 * from before the method runs until it returns or throws.
 */
final class SynchronousCall implements LockedCall {

	static final SynchronousCall INSTANCE = new SynchronousCall();

	private SynchronousCall() {
	}

	@Override
	public @Nullable Object proceed(MethodInvocation invocation, FileLockedSpec spec, LockRequest request,
			LockManager manager) throws Throwable {
		Optional<LockHandle> handle = spec.acquire(manager, request);
		if (handle.isEmpty()) {
			spec.logSkipped(request);
			return spec.skipResult();
		}
		try (LockHandle held = handle.get()) {
			return invocation.proceed();
		}
	}

}
