package io.filelock.annotation;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.filelock.LockManager;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.env.PropertyResolver;

/**
 * Applies {@link io.filelock.FileLocked @FileLocked}: matches annotated methods, and the
 * public methods of annotated classes, of beans, and runs them while holding their lock.
 * <p>
 * Like {@code @Transactional}, the lock is applied by a proxy, so a call from one method
 * of a bean to another method of the same bean ({@code this.other()}) is not locked.
 * Call the other method through the bean's proxy, for example by moving it to another
 * bean, or use the {@link LockManager} directly.
 */
public final class FileLockedAdvisor extends AbstractPointcutAdvisor {

	private final FileLockedMethods methods;

	private final Pointcut pointcut;

	private final FileLockInterceptor interceptor;

	/**
	 * Creates an advisor that locks through the given {@link LockManager}.
	 * @param lockManager supplies the lock manager, at the first call
	 * @param placeholders resolves {@code ${…}} in names and timeouts
	 * @param beanFactory resolves {@code @beanName} in name expressions, if not null
	 */
	public FileLockedAdvisor(Supplier<? extends LockManager> lockManager, PropertyResolver placeholders,
			@Nullable BeanFactory beanFactory) {
		this.methods = new FileLockedMethods(new FileLockedSpecParser(placeholders,
				(beanFactory != null) ? new BeanFactoryResolver(beanFactory) : null));
		this.pointcut = new FileLockedPointcut(this.methods);
		this.interceptor = new FileLockInterceptor(this.methods, lockManager);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	private static final class FileLockedPointcut extends StaticMethodMatcherPointcut {

		private final FileLockedMethods methods;

		FileLockedPointcut(FileLockedMethods methods) {
			this.methods = methods;
			setClassFilter(methods::hasLockedMethods);
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return this.methods.find(method, targetClass) != null;
		}

	}

}
