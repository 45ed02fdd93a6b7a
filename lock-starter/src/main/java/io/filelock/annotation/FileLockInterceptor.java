package io.filelock.annotation;

import java.util.Optional;
import java.util.function.Supplier;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockRequest;
import io.filelock.OnTimeout;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Runs a {@link io.filelock.FileLocked @FileLocked} method while holding its lock. Holds
 * no locking logic: looks up the method's spec, asks the {@link LockManager} for the
 * lock, and proceeds.
 * <p>
 * A call skipped under {@link OnTimeout#SKIP} logs one INFO line: a scheduled job that
 * another instance is running shows, each time, that it was skipped on purpose.
 */
final class FileLockInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(FileLockInterceptor.class);

	private final FileLockedMethods methods;

	private final Supplier<? extends LockManager> lockManager;

	FileLockInterceptor(FileLockedMethods methods, Supplier<? extends LockManager> lockManager) {
		this.methods = methods;
		this.lockManager = lockManager;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
		FileLockedSpec spec = this.methods.find(invocation.getMethod(), targetClass);
		if (spec == null) {
			return invocation.proceed();
		}
		LockRequest request = spec.request(invocation.getArguments(), target,
				(targetClass != null) ? targetClass : invocation.getMethod().getDeclaringClass());
		LockManager manager = this.lockManager.get();
		Optional<LockHandle> handle = (spec.onTimeout() == OnTimeout.SKIP) ? manager.tryAcquire(request)
				: Optional.of(manager.acquire(request));
		if (handle.isEmpty()) {
			logger.info("Skipped " + spec.description() + ": file lock '" + request.name()
					+ "' is held elsewhere (onTimeout = SKIP)");
			return spec.skipResult();
		}
		try (LockHandle held = handle.get()) {
			return invocation.proceed();
		}
	}

}
