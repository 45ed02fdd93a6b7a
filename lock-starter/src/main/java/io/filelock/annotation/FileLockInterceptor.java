package io.filelock.annotation;

import java.util.function.Supplier;

import io.filelock.LockManager;
import io.filelock.LockRequest;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Runs a {@link io.filelock.FileLocked @FileLocked} method while holding its lock. Holds
 * no locking logic: looks up the method's spec, makes the call's request, and hands the
 * call to the spec's {@link LockedCall}, which holds the lock for as long as the kind of
 * result the method returns needs.
 */
final class FileLockInterceptor implements MethodInterceptor {

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
		return spec.call().proceed(invocation, spec, request, this.lockManager.get());
	}

}
