package io.filelock.autoconfigure.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.FileLocked;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.OnTimeout;
import io.filelock.engine.DefaultLockManager;
import io.filelock.metrics.FileLockManagerMetrics;
import io.filelock.metrics.FileLockMetricsListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileLockMetricsAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				FileLockMetricsAutoConfiguration.class))
;

	@Test
	void locksAreMeteredInAFullContext() {
		this.contextRunner.withPropertyValues("file-lock.directory=" + this.directory).run((context) -> {
			assertThat(context).hasSingleBean(FileLockMetricsListener.class)
				.hasSingleBean(FileLockManagerMetrics.class);
			DefaultLockManager manager = context.getBean(DefaultLockManager.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (var held = manager.acquire("report")) {
				assertThat(registry.get("file.lock.active").gauge().value()).isEqualTo(1);
				Thread other = new Thread(() -> assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> manager.acquire("report", LockMode.EXCLUSIVE, Duration.ofMillis(10))));
				other.start();
				other.join(10_000);
			}
			assertThat(registry.get("file.lock.acquire").tags("lock", "report", "outcome", "acquired").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("file.lock.timeouts").tags("lock", "report").counter().count()).isEqualTo(1);
			assertThat(registry.get("file.lock.held").tags("lock", "report").timer().count()).isEqualTo(1);
			assertThat(registry.get("file.lock.active").gauge().value()).isZero();
			assertThat(registry.get("file.lock.pending").gauge().value()).isZero();
		});
	}

	@Test
	void aLockManagerTheApplicationBuildsItselfKeepsTheTimersAndTheTimeoutCounter() {
		this.contextRunner
			.withBean("userLockManager", LockManager.class,
					() -> LockManager.builder().directory(this.directory.resolve("own")).build())
			.withBean(Accounts.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(LockManager.class)
					.hasBean("userLockManager")
					.hasSingleBean(FileLockManagerMetrics.class);
				LockManager manager = context.getBean(LockManager.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(context.getBean(Accounts.class).debit(7)).isEqualTo("account-7");
				try (var held = manager.acquire("report")) {
					assertThat(registry.get("file.lock.active").gauge().value()).isEqualTo(1);
					Thread other = new Thread(() -> assertThatExceptionOfType(LockTimeoutException.class)
						.isThrownBy(() -> manager.acquire("report", LockMode.EXCLUSIVE, Duration.ofMillis(10))));
					other.start();
					other.join(10_000);
				}
				assertThat(registry.get("file.lock.acquire").tags("lock", "account-#{#id}").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("file.lock.acquire").tags("lock", "report", "outcome", "acquired").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("file.lock.timeouts").tags("lock", "report").counter().count()).isEqualTo(1);
				assertThat(registry.get("file.lock.held").tags("lock", "report").timer().count()).isEqualTo(1);
			});
	}

	@Test
	void skippedCallsHaveAnOutcomeOfTheirOwnAndAreNotTimeouts() {
		this.contextRunner.withPropertyValues("file-lock.directory=" + this.directory)
			.withBean(Job.class)
			.run((context) -> {
				LockManager manager = context.getBean(LockManager.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Job job = context.getBean(Job.class);
				CountDownLatch holding = new CountDownLatch(1);
				CountDownLatch skipped = new CountDownLatch(1);
				Thread otherInstance = new Thread(() -> {
					try (var held = manager.acquire("nightly-report")) {
						holding.countDown();
						skipped.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				otherInstance.start();
				assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
				assertThat(job.run()).as("skipped").isNull();
				skipped.countDown();
				otherInstance.join(30_000);
				assertThat(job.run()).isEqualTo("ran");
				assertThat(registry.get("file.lock.acquire")
					.tags("lock", "nightly-report", "outcome", "skipped")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.find("file.lock.acquire").tags("outcome", "timeout").timers()).isEmpty();
				assertThat(registry.find("file.lock.timeouts").counters()).isEmpty();
			});
	}

	@Test
	void templatedFileLockedNamesKeepTheLockTagBounded() {
		this.contextRunner.withPropertyValues("file-lock.directory=" + this.directory)
			.withBean(Accounts.class)
			.run((context) -> {
				Accounts accounts = context.getBean(Accounts.class);
				for (int id = 0; id < 20; id++) {
					assertThat(accounts.debit(id)).isEqualTo("account-" + id);
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("file.lock.acquire").timers()).singleElement().satisfies((timer) -> {
					assertThat(timer.getId().getTag("lock")).isEqualTo("account-#{#id}");
					assertThat(timer.count()).isEqualTo(20);
				});
				assertThat(registry.get("file.lock.held").tag("lock", "account-#{#id}").timer().count()).isEqualTo(20);
			});
	}

	@Test
	void metricsCanBeDisabled() {
		this.contextRunner.withPropertyValues("file-lock.directory=" + this.directory, "file-lock.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FileLockMetricsListener.class)
				.doesNotHaveBean(FileLockManagerMetrics.class)
				.hasSingleBean(DefaultLockManager.class));
	}

	@Test
	void backsOffWithoutMeterRegistry() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class,
				FileLockMetricsAutoConfiguration.class))
			.withPropertyValues("file-lock.directory=" + this.directory)
			.run((context) -> assertThat(context).doesNotHaveBean(FileLockMetricsListener.class)
				.hasSingleBean(DefaultLockManager.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues("file-lock.directory=" + this.directory)
			.run((context) -> assertThat(context).doesNotHaveBean(FileLockMetricsListener.class)
				.doesNotHaveBean(FileLockManagerMetrics.class)
				.hasSingleBean(DefaultLockManager.class));
	}

	@Test
	void gaugesBackOffWithoutLockManager() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					FileLockMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(FileLockMetricsListener.class)
				.doesNotHaveBean(FileLockManagerMetrics.class));
	}

	@Test
	void backsOffWhenUserProvidedBeansArePresent() {
		this.contextRunner.withPropertyValues("file-lock.directory=" + this.directory)
			.withBean("customListener", FileLockMetricsListener.class,
					() -> new FileLockMetricsListener(new SimpleMeterRegistry(), 5))
			.withBean("customGauges", FileLockManagerMetrics.class,
					() -> new FileLockManagerMetrics(LockManager.builder().directory(this.directory).build()))
			.run((context) -> {
				assertThat(context).hasSingleBean(FileLockMetricsListener.class)
					.hasBean("customListener")
					.hasSingleBean(FileLockManagerMetrics.class)
					.hasBean("customGauges");
			});
	}

	static class Job {

		@FileLocked(value = "nightly-report", timeout = "0s", onTimeout = OnTimeout.SKIP)
		public String run() {
			return "ran";
		}

	}

	static class Accounts {

		@FileLocked("account-#{#id}")
		public String debit(int id) {
			return "account-" + id;
		}

	}

}
