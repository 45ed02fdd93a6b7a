package io.filelock.autoconfigure.health;

import java.nio.file.Path;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.actuate.health.FileLockHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class FileLockHealthContributorAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class,
				FileLockHealthContributorAutoConfiguration.class))
;

	@Test
	void healthIndicatorIsAutoConfigured() {
		this.contextRunner.withPropertyValues(directory()).run((context) -> {
			assertThat(context).hasSingleBean(FileLockHealthIndicator.class).hasBean("fileLockHealthIndicator");
			Health health = context.getBean(FileLockHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("directory", this.directory.toString());
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues(directory(), "management.health.filelock.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FileLockHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffWithoutLockManager() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FileLockHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FileLockHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.withPropertyValues(directory())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FileLockHealthIndicator.class));
	}

	@Test
	void backsOffWhenUserProvidedBeanIsPresent() {
		this.contextRunner.withPropertyValues(directory())
			.withBean("fileLockHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(FileLockHealthIndicator.class)
				.hasBean("fileLockHealthIndicator"));
	}

	private String directory() {
		return "file-lock.directory=" + this.directory;
	}

}
