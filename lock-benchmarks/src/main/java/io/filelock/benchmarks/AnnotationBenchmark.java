package io.filelock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.filelock.FileLocked;
import io.filelock.LockManager;
import io.filelock.annotation.FileLockedAdvisor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.env.StandardEnvironment;

/**
 * W5: a {@code @FileLocked} method called through a Spring AOP proxy with the starter's
 * advisor, the same work under a direct {@link LockManager} call, and the bare method;
 * and an asynchronous {@code @FileLocked} method, returning a {@link CompletableFuture}
 * (complete when it returns, so that the lock is released within the call), against the
 * synchronous one. The asynchronous variant runs only where the starter under test
 * accepts such methods ({@link #asynchronousSupported()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnnotationBenchmark {

	private LockManager manager;

	private Counter bare;

	private Counter annotated;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.manager = Managers.build(LockManager.builder().directory(Files.createTempDirectory("w5-")));
		this.bare = new Counter();
		this.annotated = proxy(new Counter(), this.manager);
	}

	private static <T> T proxy(T target, LockManager manager) {
		ProxyFactory proxies = new ProxyFactory(target);
		proxies.setProxyTargetClass(true);
		proxies.addAdvisor(new FileLockedAdvisor(() -> manager, new StandardEnvironment(), null));
		@SuppressWarnings("unchecked")
		T proxy = (T) proxies.getProxy();
		return proxy;
	}

	/**
	 * Whether the starter on the class path accepts {@code @FileLocked} methods that
	 * return a {@link CompletableFuture}; an older one refuses them when it proxies them.
	 */
	static boolean asynchronousSupported() throws IOException {
		Path directory = Files.createTempDirectory("w5-probe-");
		try {
			LockManager manager = Managers.build(LockManager.builder().directory(directory));
			proxy(new AsyncCounter(), manager).incrementLater().join();
			return true;
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (String.valueOf(cause.getMessage()).contains("is invalid: it returns")) {
					return false;
				}
			}
			throw ex;
		}
		finally {
			BenchmarkSuite.deleteRecursively(directory);
		}
	}

	@Benchmark
	public long annotated() {
		return this.annotated.increment();
	}

	@Benchmark
	public long annotatedAsync(Async async) {
		return async.counter.incrementLater().join();
	}

	@Benchmark
	public long direct() {
		return this.manager.withLock("w5", this.bare::increment);
	}

	@Benchmark
	public long bareMethod() {
		return this.bare.increment();
	}

	/**
	 * The asynchronous bean and its lock manager, in a state of their own: JMH sets it up
	 * only for {@link #annotatedAsync}, so that a starter that refuses asynchronous methods
	 * still runs the other benchmarks (it fails when it proxies the bean).
	 */
	@State(Scope.Benchmark)
	public static class Async {

		private AsyncCounter counter;

		@Setup(Level.Trial)
		public void setUp() throws IOException {
			this.counter = proxy(new AsyncCounter(), Managers.build(LockManager.builder()
				.directory(Files.createTempDirectory("w5-async-"))));
		}

	}

	/**
	 * The benchmarked asynchronous bean, a class of its own, so that a starter that
	 * refuses it still proxies {@link Counter}.
	 */
	public static class AsyncCounter {

		private long count;

		@FileLocked("w5")
		public CompletableFuture<Long> incrementLater() {
			return CompletableFuture.completedFuture(++this.count);
		}

	}

	/**
	 * The benchmarked bean; public and not final, so that a class proxy can extend it.
	 */
	public static class Counter {

		private long count;

		@FileLocked("w5")
		public long increment() {
			return ++this.count;
		}

	}

}
