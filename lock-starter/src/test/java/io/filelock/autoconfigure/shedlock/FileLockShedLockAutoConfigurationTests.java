package io.filelock.autoconfigure.shedlock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.shedlock.FileLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class FileLockShedLockAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(FileLockAutoConfiguration.class, FileLockShedLockAutoConfiguration.class));

	@Test
	void lockProviderIsAutoConfigured() {
		this.contextRunner.withPropertyValues(directory())
			.run((context) -> assertThat(context).hasSingleBean(LockProvider.class)
				.getBean(LockProvider.class)
				.isInstanceOf(FileLockProvider.class));
	}

	@Test
	void backsOffWhenUserProvidedLockProviderIsPresent() {
		LockProvider userProvider = (configuration) -> Optional.empty();
		this.contextRunner.withPropertyValues(directory())
			.withBean("userLockProvider", LockProvider.class, () -> userProvider)
			.run((context) -> assertThat(context).hasSingleBean(LockProvider.class)
				.hasBean("userLockProvider")
				.doesNotHaveBean(FileLockProvider.class));
	}

	@Test
	void backsOffWithoutShedLock() {
		this.contextRunner.withPropertyValues(directory())
			.withClassLoader(new FilteredClassLoader(LockProvider.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FileLockProvider.class));
	}

	@Test
	void backsOffWithoutLockManager() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLockShedLockAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LockProvider.class));
	}

	@Test
	void keepsSchedulerLocksWithinThisJvmWhenFileLocksAreSwitchedOff() {
		Path locks = this.directory.resolve("locks");
		this.contextRunner.withPropertyValues("file-lock.directory=" + locks, "file-lock.enabled=false")
			.run((context) -> {
				LockProvider provider = context.getBean(LockProvider.class);
				LockConfiguration job = new LockConfiguration(Instant.now(), "job", Duration.ofMinutes(1), Duration.ZERO);
				Optional<SimpleLock> first = provider.lock(job);
				assertThat(first).isPresent();
				assertThat(provider.lock(job)).as("while the first is held").isEmpty();
				first.get().unlock();
				assertThat(locks).as("no lock directory").doesNotExist();
			});
	}

	private String directory() {
		return "file-lock.directory=" + this.directory;
	}

}
