package io.filelock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
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
 * advisor, the same work under a direct {@link LockManager} call, and the bare method.
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
		ProxyFactory proxies = new ProxyFactory(new Counter());
		proxies.setProxyTargetClass(true);
		LockManager locks = this.manager;
		proxies.addAdvisor(new FileLockedAdvisor(() -> locks, new StandardEnvironment(), null));
		this.annotated = (Counter) proxies.getProxy();
	}

	@Benchmark
	public long annotated() {
		return this.annotated.increment();
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
