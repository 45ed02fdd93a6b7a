package io.filelock.annotation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.filelock.FileLocked;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.OnTimeout;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.file.LockTestProcess;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.env.StandardEnvironment;

import static org.awaitility.Awaitility.await;

/**
 * The main class of a child JVM with BlockHound installed (it must be started with
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods}), in which {@code @FileLocked} Mono
 * and Flux methods are subscribed to, waited for, completed and cancelled on Reactor's
 * non-blocking {@code parallel} threads. Says {@code blockhound active} once it has
 * seen BlockHound catch a blocking call, then {@code ok}, or {@code blocked …} with every
 * blocking call a non-blocking thread made, or {@code failed …}.
 * <p>
 * A JVM of its own, as BlockHound instruments the JDK for the rest of the JVM's life.
 */
public final class NonBlockingCheck {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	private NonBlockingCheck() {
	}

	public static void main(String[] args) {
		try {
			install();
			say(blockHoundCatchesASleepOnAParallelThread() ? "blockhound active" : "blockhound inactive");
			blockingCalls.clear();
			check(Path.of(args[0]));
			say(blockingCalls.isEmpty() ? "ok" : "blocked " + blockingCalls);
		}
		catch (Throwable ex) {
			say("failed " + ex + ((blockingCalls.isEmpty()) ? "" : ", blocked " + blockingCalls));
		}
		System.exit(0);
	}

	private static void install() {
		BlockHound.Builder builder = BlockHound.builder();
		ServiceLoader.load(BlockHoundIntegration.class).forEach(builder::with);
		builder.blockingMethodCallback((method) -> {
			// recorded as well as thrown, in case a caller swallows the error
			blockingCalls.add(method + " on " + Thread.currentThread().getName());
			throw new BlockingOperationError(method);
		}).install();
	}

	private static boolean blockHoundCatchesASleepOnAParallelThread() {
		try {
			Mono.fromCallable(() -> {
				Thread.sleep(1);
				return "slept";
			}).subscribeOn(Schedulers.parallel()).block(PATIENCE);
			return false;
		}
		catch (RuntimeException ex) {
			return Exceptions.unwrap(ex) instanceof BlockingOperationError;
		}
	}

	private static void check(Path directory) throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(directory).build();
		Jobs jobs = proxy(new Jobs(), manager);
		// subscribed on a parallel thread while the lock is held: the wait happens elsewhere
		LockHandle held = manager.acquire("job");
		var waited = Mono.defer(() -> jobs.job(Mono.delay(Duration.ofMillis(5)).map((tick) -> "waited")))
			.subscribeOn(Schedulers.parallel())
			.toFuture();
		await().atMost(PATIENCE).until(() -> manager.pendingCount() == 1);
		// skipped on a parallel thread while the lock is held
		expect(jobs.skipped().subscribeOn(Schedulers.parallel()).defaultIfEmpty("skipped").block(PATIENCE),
				"skipped");
		held.close();
		// completed on a parallel thread (Mono.delay's), so released from one
		expect(waited.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), "waited");
		// cancelled on a parallel thread, by the timeout operator
		try {
			jobs.job(Mono.never()).subscribeOn(Schedulers.parallel()).timeout(Duration.ofMillis(20)).block(PATIENCE);
			throw new IllegalStateException("Mono.never() completed");
		}
		catch (RuntimeException ex) {
			if (!(ex.getCause() instanceof TimeoutException)) {
				throw ex;
			}
		}
		// elements emitted and the end signalled on parallel threads
		expect(jobs.stream(Flux.interval(Duration.ofMillis(1), Schedulers.parallel()).take(3))
			.subscribeOn(Schedulers.parallel())
			.count()
			.block(PATIENCE), 3L);
		// nothing is left held: the cancelled subscription's release may still be on its way
		await().atMost(PATIENCE).until(() -> manager.activeCount() == 0);
	}

	private static void expect(Object actual, Object expected) {
		if (!expected.equals(actual)) {
			throw new IllegalStateException("Expected " + expected + " but got " + actual);
		}
	}

	private static Jobs proxy(Jobs target, LockManager manager) {
		ProxyFactory proxies = new ProxyFactory(target);
		proxies.setProxyTargetClass(true);
		proxies.addAdvisor(new FileLockedAdvisor(() -> manager, new StandardEnvironment(), null));
		return (Jobs) proxies.getProxy();
	}

	private static void say(String line) {
		System.out.println(LockTestProcess.MARK + line);
		System.out.flush();
	}

	/**
	 * Locked reactive methods; public and not final, so that a class proxy can extend it.
	 */
	public static class Jobs {

		@FileLocked(value = "job", timeout = "30s")
		public Mono<String> job(Mono<String> work) {
			return work;
		}

		@FileLocked(value = "job", timeout = "0s", onTimeout = OnTimeout.SKIP)
		public Mono<String> skipped() {
			return Mono.just("ran");
		}

		@FileLocked(value = "job", timeout = "30s")
		public Flux<Long> stream(Flux<Long> work) {
			return work;
		}

	}

}
