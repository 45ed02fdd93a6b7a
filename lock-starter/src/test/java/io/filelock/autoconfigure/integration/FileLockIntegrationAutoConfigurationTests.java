package io.filelock.autoconfigure.integration;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.integration.FileLockRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class FileLockIntegrationAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(FileLockAutoConfiguration.class, FileLockIntegrationAutoConfiguration.class));

	@Test
	void lockRegistryIsAutoConfigured() {
		this.contextRunner.withPropertyValues(directory())
			.run((context) -> assertThat(context).hasSingleBean(LockRegistry.class)
				.getBean(LockRegistry.class)
				.isInstanceOf(FileLockRegistry.class));
	}

	@Test
	void backsOffWhenUserProvidedLockRegistryIsPresent() {
		this.contextRunner.withPropertyValues(directory())
			.withBean("userLockRegistry", LockRegistry.class, DefaultLockRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(LockRegistry.class)
				.hasBean("userLockRegistry")
				.doesNotHaveBean(FileLockRegistry.class));
	}

	@Test
	void backsOffWithoutSpringIntegration() {
		this.contextRunner.withPropertyValues(directory())
			.withClassLoader(new FilteredClassLoader(LockRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FileLockRegistry.class));
	}

	@Test
	void backsOffWithoutLockManager() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLockIntegrationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LockRegistry.class));
	}

	@Test
	void keepsRegistryLocksWithinThisJvmWhenFileLocksAreSwitchedOff() {
		Path locks = this.directory.resolve("locks");
		this.contextRunner.withPropertyValues("file-lock.directory=" + locks, "file-lock.enabled=false")
			.run((context) -> {
				Lock lock = context.getBean(LockRegistry.class).obtain("leader");
				assertThat(lock.tryLock()).isTrue();
				try {
					ExecutorService other = Executors.newSingleThreadExecutor();
					try {
						assertThat(other.submit(() -> lock.tryLock()).get(30, TimeUnit.SECONDS)).as("another thread").isFalse();
					}
					finally {
						other.shutdownNow();
					}
				}
				finally {
					lock.unlock();
				}
				assertThat(locks).as("no lock directory").doesNotExist();
			});
	}

	private String directory() {
		return "file-lock.directory=" + this.directory;
	}

}
