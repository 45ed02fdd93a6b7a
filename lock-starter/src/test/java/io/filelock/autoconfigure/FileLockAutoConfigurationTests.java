package io.filelock.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.filelock.Backoff;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockMode;
import io.filelock.LockPolicy;
import io.filelock.LockRequest;
import io.filelock.LockStrategy;
import io.filelock.annotation.FileLockedAdvisor;
import io.filelock.engine.DefaultLockManager;
import io.filelock.spi.LockListener;
import io.filelock.spi.LockListener.AcquireEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
@SuppressWarnings("deprecation") // LockHandle.path() of a lock that is not a file
class FileLockAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class))
			.withPropertyValues("file-lock.directory=" + this.directory);
	}

	@Test
	void lockManagerIsAutoConfigured() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(LockManager.class).hasSingleBean(DefaultLockManager.class);
			assertThat(context).hasSingleBean(FileLockedAdvisor.class);
			assertThat(java.nio.file.Path.of(context.getBean(DefaultLockManager.class).backendStatus().location())).isEqualTo(this.directory);
		});
	}

	@Test
	void defaultsAreThoseOfTheBuilder() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class))
			.run((context) -> {
				DefaultLockManager manager = context.getBean(DefaultLockManager.class);
				assertThat(java.nio.file.Path.of(manager.backendStatus().location())).isEqualTo(LockManagerBuilder.defaultDirectory());
				assertThat(manager.policy("any")).isEqualTo(
						new LockPolicy(LockManagerBuilder.DEFAULT_TIMEOUT, Backoff.DEFAULT, null));
				FileLockProperties properties = context.getBean(FileLockProperties.class);
				assertThat(properties.getWaitLogThreshold()).isEqualTo(LockManagerBuilder.DEFAULT_WAIT_LOG_THRESHOLD);
				assertThat(properties.isEnabled()).isTrue();
				assertThat(properties.getMetrics().isEnabled()).isTrue();
			});
	}

	@Test
	void backsOffWhenUserProvidedLockManagerIsPresent() {
		contextRunner().withUserConfiguration(UserLockManagerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(LockManager.class).doesNotHaveBean(DefaultLockManager.class);
			assertThat(context).hasSingleBean(FileLockedAdvisor.class);
		});
	}

	@Test
	void disablingLeavesALockManagerThatExcludesTheThreadsOfThisJvmOnly(CapturedOutput output) {
		Path locks = this.directory.resolve("locks");
		contextRunner().withPropertyValues("file-lock.enabled=false", "file-lock.directory=" + locks)
			.withBean(Injected.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(LockManager.class)
					.hasSingleBean(Injected.class)
					.doesNotHaveBean(FileLockedAdvisor.class);
				LockManager manager = context.getBean(LockManager.class);
				try (LockHandle held = manager.acquire("job")) {
					// no file, and no made-up path: path() says to use file() or resource()
					assertThat(held.file()).isEmpty();
					assertThat(held.resource()).isEqualTo("lock 'job' of this JVM");
					org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(held::path);
					ExecutorService other = Executors.newSingleThreadExecutor();
					try {
						assertThat(other.submit(() -> manager.tryAcquire("job", LockMode.SHARED)).get(30, TimeUnit.SECONDS))
							.as("another thread of this JVM")
							.isEmpty();
					}
					finally {
						other.shutdownNow();
					}
				}
				assertThat(locks).as("no lock directory").doesNotExist();
				assertThat(output).contains("File locks are switched off (file-lock.enabled=false): @FileLocked is "
						+ "not applied, and the LockManager excludes the threads of this JVM only");
			});
	}

	record Injected(LockManager manager) {
	}

	@Test
	void directoryBinds() {
		Path custom = this.directory.resolve("custom");
		contextRunner().withPropertyValues("file-lock.directory=" + custom).run((context) -> {
			assertThat(java.nio.file.Path.of(context.getBean(DefaultLockManager.class).backendStatus().location())).isEqualTo(custom);
			assertThat(custom).isDirectory();
		});
	}

	@Test
	void strategyBindsInLowerCase() {
		contextRunner().withPropertyValues("file-lock.strategy=fcntl")
			.run((context) -> assertThat(io.filelock.LockStrategy.valueOf(context.getBean(DefaultLockManager.class).backendStatus().details().get("strategy")))
				.isEqualTo(LockStrategy.FCNTL));
	}

	@Test
	void kernelWaitIsOnByDefaultAndCanBeSwitchedOff() {
		contextRunner().withPropertyValues("file-lock.strategy=flock")
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).backendStatus().details().get("waits").equals("kernel")).isTrue());
		contextRunner().withPropertyValues("file-lock.strategy=flock", "file-lock.kernel-wait=false")
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).backendStatus().details().get("waits").equals("kernel")).isFalse());
		contextRunner().withPropertyValues("file-lock.strategy=fcntl")
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).backendStatus().details().get("waits").equals("kernel")).isTrue());
		contextRunner().withPropertyValues("file-lock.strategy=fcntl", "file-lock.kernel-wait=false")
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).backendStatus().details().get("waits").equals("kernel")).isFalse());
	}

	@Test
	void timeoutBinds() {
		contextRunner().withPropertyValues("file-lock.timeout=250ms")
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).policy("any").timeout())
				.isEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void backoffBinds() {
		contextRunner()
			.withPropertyValues("file-lock.backoff.initial-delay=5ms", "file-lock.backoff.multiplier=1.5",
					"file-lock.backoff.max-delay=1s", "file-lock.backoff.jitter=0ms")
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).policy("any").backoff())
				.isEqualTo(new Backoff(Duration.ofMillis(5), 1.5, Duration.ofSeconds(1), Duration.ZERO)));
	}

	@Test
	void lockTimeoutOverridesTheSharedTimeout() {
		contextRunner().withPropertyValues("file-lock.timeout=3s", "file-lock.locks.report.timeout=0s")
			.run((context) -> {
				DefaultLockManager manager = context.getBean(DefaultLockManager.class);
				assertThat(manager.policy("report").timeout()).isZero();
				assertThat(manager.policy("other").timeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void partialLockBackoffFallsBackToTheSharedBackoff() {
		contextRunner()
			.withPropertyValues("file-lock.backoff.initial-delay=2ms", "file-lock.backoff.max-delay=40ms",
					"file-lock.locks.report.backoff.max-delay=2s", "file-lock.locks.report.backoff.multiplier=3")
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).policy("report"))
				.isEqualTo(new LockPolicy(LockManagerBuilder.DEFAULT_TIMEOUT,
						new Backoff(Duration.ofMillis(2), 3, Duration.ofSeconds(2), Duration.ofMillis(1)), null)));
	}

	@Test
	void lockPathBinds() {
		Path file = this.directory.resolve("backup.lock");
		contextRunner().withPropertyValues("file-lock.locks.backup.path=" + file)
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).resource("backup").file()).isEqualTo(file));
	}

	@Test
	void waitLogThresholdAndMetricsEnabledBind() {
		contextRunner().withPropertyValues("file-lock.wait-log-threshold=5s", "file-lock.metrics.enabled=false")
			.run((context) -> {
				FileLockProperties properties = context.getBean(FileLockProperties.class);
				assertThat(properties.getWaitLogThreshold()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.getMetrics().isEnabled()).isFalse();
			});
	}

	@Test
	void aspectOrderIsTheAdvisorOrder() {
		contextRunner().run((context) -> assertThat(context.getBean(FileLockedAdvisor.class).getOrder())
			.isEqualTo(Ordered.LOWEST_PRECEDENCE - 100));
		contextRunner().withPropertyValues("file-lock.aspect-order=42")
			.run((context) -> assertThat(context.getBean(FileLockedAdvisor.class).getOrder()).isEqualTo(42));
	}

	@Test
	void applicationNameIsWrittenIntoOwnerRecords() {
		contextRunner().withPropertyValues("spring.application.name=billing").run((context) -> {
			DefaultLockManager manager = context.getBean(DefaultLockManager.class);
			try (LockHandle handle = manager.acquire("x")) {
				assertThat(java.nio.file.Files.readString(handle.path())).contains("app=\"billing\"");
			}
		});
	}

	@Test
	void everyLockListenerBeanIsTold() {
		contextRunner().withUserConfiguration(ListenersConfiguration.class).run((context) -> {
			try (LockHandle handle = context.getBean(LockManager.class).acquire("x")) {
				assertThat(handle.mode()).isEqualTo(LockMode.EXCLUSIVE);
			}
			assertThat(ListenersConfiguration.calls).containsExactly("first:x", "second:x");
		});
	}

	@Test
	void customizersApplyAfterProperties() {
		contextRunner().withPropertyValues("file-lock.timeout=3s")
			.withBean(FileLockManagerBuilderCustomizer.class,
					() -> (builder) -> builder.lock("special", (policy) -> policy.withTimeout(Duration.ofSeconds(7))))
			.run((context) -> {
				DefaultLockManager manager = context.getBean(DefaultLockManager.class);
				assertThat(manager.policy("special").timeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(manager.policy("other").timeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void startsWithoutMicrometerOrActuator() {
		new ApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.actuate",
					"org.springframework.boot.health", "org.springframework.boot.micrometer"))
			.withConfiguration(AutoConfigurations.of(ImportedAutoConfigurations.ofThisStarter()))
			.withPropertyValues("file-lock.directory=" + this.directory)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LockManager.class);
				try (LockHandle handle = context.getBean(LockManager.class).acquire("x")) {
					assertThat(handle.name()).isEqualTo("x");
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserLockManagerConfiguration {

		@Bean
		LockManager userLockManager() {
			LockManager delegate = LockManager.builder().build();
			return new LockManager() {

				@Override
				public LockHandle acquire(LockRequest request) {
					return delegate.acquire(request);
				}

				@Override
				public Optional<LockHandle> tryAcquire(LockRequest request) {
					return delegate.tryAcquire(request);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenersConfiguration {

		static final List<String> calls = new ArrayList<>();

		ListenersConfiguration() {
			calls.clear();
		}

		@Bean
		@Order(2)
		LockListener second() {
			return new LockListener() {

				@Override
				public void acquireFinished(AcquireEvent event) {
					calls.add("second:" + event.lock());
				}

			};
		}

		@Bean
		@Order(1)
		LockListener first() {
			return new LockListener() {

				@Override
				public void acquireFinished(AcquireEvent event) {
					calls.add("first:" + event.lock());
				}

			};
		}

	}

}
