package io.filelock.annotation;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockTimeoutException;
import io.filelock.OnTimeout;
import io.filelock.engine.FileLockManager;
import io.filelock.engine.LockRequest;
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
		Optional<LockHandle> handle = acquire(this.lockManager.get(), request, spec.onTimeout() == OnTimeout.SKIP);
		if (handle.isEmpty()) {
			logger.info("Skipped " + spec.description() + ": file lock '" + request.name()
					+ "' is held elsewhere (onTimeout = SKIP)");
			return spec.skipResult();
		}
		try (LockHandle held = handle.get()) {
			return invocation.proceed();
		}
	}

	/**
	 * Acquires the lock, or returns empty if {@code skip} and it is busy at the timeout.
	 */
	private static Optional<LockHandle> acquire(LockManager manager, LockRequest request, boolean skip) {
		if (manager instanceof FileLockManager fileLockManager) {
			return skip ? fileLockManager.tryAcquire(request) : Optional.of(fileLockManager.acquire(request));
		}
		try {
			Duration timeout = request.timeout();
			return Optional.of((timeout != null) ? manager.acquire(request.name(), request.mode(), timeout)
					: manager.acquire(request.name(), request.mode()));
		}
		catch (LockTimeoutException ex) {
			if (skip) {
				return Optional.empty();
			}
			throw ex;
		}
	}

}
