package io.filelock.testing;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.filelock.FileLocked;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockRequest;
import io.filelock.OnTimeout;
import io.filelock.actuate.endpoint.FileLocksEndpoint;
import io.filelock.actuate.health.FileLockHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * An application's test can replace the {@link LockManager} with a Mockito mock while
 * Actuator, the endpoint, the health and the metrics of the starter are on the class path;
 * {@code @FileLocked} then locks through the mock.
 */
@SpringBootTest(properties = "management.endpoints.web.exposure.include=filelocks,health")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MockedLockManagerTests {

	@TempDir
	static Path directory;

	@MockitoBean
	LockManager lockManager;

	@Autowired
	Job job;

	@Autowired
	FileLocksEndpoint endpoint;

	@Autowired
	FileLockHealthIndicator health;

	@DynamicPropertySource
	static void lockDirectory(DynamicPropertyRegistry registry) {
		registry.add("file-lock.directory", () -> directory.toString());
	}

	@Test
	void annotatedMethodsLockThroughTheMockAndTheActuatorPartsSayItCannotBeInspected() {
		given(this.lockManager.tryAcquire(any(LockRequest.class))).willReturn(Optional.of(mock(LockHandle.class)));
		assertThat(this.job.run()).isEqualTo("ran");
		verify(this.lockManager).tryAcquire(LockRequest.of("job").withMetricName("job"));
		assertThat(this.endpoint.locks().locks()).isEmpty();
		assertThat(this.endpoint.locks().backend().kind()).isEqualTo("unknown");
		assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UNKNOWN);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Job job() {
			return new Job();
		}

	}

	static class Job {

		@FileLocked(value = "job", onTimeout = OnTimeout.SKIP)
		public String run() {
			return "ran";
		}

	}

}
