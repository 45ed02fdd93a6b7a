package io.filelock.autoconfigure.endpoint;

import java.nio.file.Path;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.LockManager;
import io.filelock.actuate.endpoint.FileLocksEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class FileLocksEndpointAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class, FileLocksEndpointAutoConfiguration.class))
;

	@Test
	void endpointIsAutoConfigured() {
		this.contextRunner.withPropertyValues(directory(), "management.endpoints.web.exposure.include=filelocks")
			.run((context) -> assertThat(context).hasSingleBean(FileLocksEndpoint.class));
	}

	@Test
	void endpointIsNotAutoConfiguredIfNotExposed() {
		this.contextRunner.withPropertyValues(directory())
			.run((context) -> assertThat(context).doesNotHaveBean(FileLocksEndpoint.class));
	}

	@Test
	void endpointCanBeDisabled() {
		this.contextRunner
			.withPropertyValues(directory(), "management.endpoints.web.exposure.include=filelocks",
					"management.endpoint.filelocks.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(FileLocksEndpoint.class));
	}

	@Test
	void endpointBacksOffWithoutLockManager() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLocksEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=filelocks")
			.run((context) -> assertThat(context).doesNotHaveBean(FileLocksEndpoint.class));
	}

	@Test
	void endpointBacksOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues(directory(), "management.endpoints.web.exposure.include=filelocks")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FileLocksEndpoint.class));
	}

	@Test
	void backsOffWhenUserProvidedBeanIsPresent() {
		this.contextRunner.withPropertyValues(directory(), "management.endpoints.web.exposure.include=filelocks")
			.withBean("customEndpoint", FileLocksEndpoint.class,
					() -> new FileLocksEndpoint(LockManager.builder().directory(this.directory).build()))
			.run((context) -> assertThat(context).hasSingleBean(FileLocksEndpoint.class).hasBean("customEndpoint"));
	}

	private String directory() {
		return "file-lock.directory=" + this.directory;
	}

}
