package io.filelock.annotation;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockRequest;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Holds the lock of a method that returns a Reactor {@link Mono} or {@link Flux} for each
 * subscription: the lock is taken when the result is subscribed to, the method runs once
 * the lock is held (once per subscription, as with Spring's reactive transactions), and
 * the lock is released when the subscription completes, fails or is cancelled. A second
 * subscription takes the lock again.
 * <p>
 * A non-blocking thread never waits for the lock, nor releases it: when the subscription
 * or its end happens on one ({@link Schedulers#isInNonBlockingThread()}), the work moves
 * to {@link Schedulers#boundedElastic()} (which runs on virtual threads where Reactor is
 * told to, with {@code reactor.schedulers.defaultBoundedElasticOnVirtualThreads}). A
 * subscription cancelled while it waits ends the wait; a lock taken after a cancellation
 * is released at once. The hold is {@link LockRequest#detached() detached}, as the
 * subscription ends on another thread than it began. Only referenced where Reactor is on
 * the class path.
 */
final class ReactorCall implements LockedCall {

	private static final ReactorCall MONO = new ReactorCall(false);

	private static final ReactorCall FLUX = new ReactorCall(true);

	private final boolean flux;

	private ReactorCall(boolean flux) {
		this.flux = flux;
	}

	/**
	 * The call for a method that returns {@code returnType}; null unless it is
	 * {@code Mono} or {@code Flux} itself.
	 */
	static @Nullable LockedCall forReturnType(Class<?> returnType) {
		if (returnType == Mono.class) {
			return MONO;
		}
		return (returnType == Flux.class) ? FLUX : null;
	}

	@Override
	public Object proceed(MethodInvocation invocation, FileLockedSpec spec, LockRequest request,
			LockManager manager) {
		Mono<LockHandle> lock = acquisition(spec, request.withDetached(true), manager);
		if (this.flux) {
			return Flux.usingWhen(lock, (handle) -> invoke(invocation), ReactorCall::release,
					(handle, failure) -> release(handle), ReactorCall::release);
		}
		return Mono.usingWhen(lock, (handle) -> Mono.from(invoke(invocation)), ReactorCall::release,
				(handle, failure) -> release(handle), ReactorCall::release);
	}

	/**
	 * Takes the lock once per subscription; empty if it is skipped under
	 * {@code onTimeout = SKIP}.
	 */
	private static Mono<LockHandle> acquisition(FileLockedSpec spec, LockRequest request, LockManager manager) {
		return Mono.defer(() -> {
			AtomicBoolean cancelled = new AtomicBoolean();
			Mono<LockHandle> attempt = Mono.fromCallable(() -> attempt(spec, request, manager, cancelled));
			// set before the cancellation interrupts the waiting thread
			return offNonBlockingThreads(attempt).doOnCancel(() -> cancelled.set(true));
		}).doOnDiscard(LockHandle.class, ReactorCall::releaseLater);
	}

	private static @Nullable LockHandle attempt(FileLockedSpec spec, LockRequest request, LockManager manager,
			AtomicBoolean cancelled) {
		try {
			Optional<LockHandle> handle = spec.acquire(manager, request);
			if (handle.isEmpty()) {
				spec.logSkipped(request);
			}
			return handle.orElse(null);
		}
		catch (LockInterruptedException ex) {
			if (cancelled.get()) {
				// the cancellation ended the wait, and no one waits for its outcome
				Thread.interrupted();
				return null;
			}
			throw ex;
		}
	}

	/**
	 * Runs the method for one subscription: through a copy of the invocation, so that
	 * each subscription passes the interceptors after this one again.
	 */
	private static Publisher<?> invoke(MethodInvocation invocation) {
		try {
			MethodInvocation call = (invocation instanceof ProxyMethodInvocation proxied) ? proxied.invocableClone()
					: invocation;
			Object result = call.proceed();
			return (result != null) ? (Publisher<?>) result : Mono.empty();
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
	}

	private static Mono<Void> release(LockHandle handle) {
		return offNonBlockingThreads(Mono.fromRunnable(handle::close));
	}

	/**
	 * Releases a lock that no subscriber took (taken after a cancellation).
	 */
	private static void releaseLater(LockHandle handle) {
		if (Schedulers.isInNonBlockingThread()) {
			Schedulers.boundedElastic().schedule(handle::close);
		}
		else {
			handle.close();
		}
	}

	private static <T> Mono<T> offNonBlockingThreads(Mono<T> work) {
		return Mono.defer(
				() -> Schedulers.isInNonBlockingThread() ? work.subscribeOn(Schedulers.boundedElastic()) : work);
	}

}
