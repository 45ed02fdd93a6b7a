package io.filelock;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LockRequestTests {

	@Test
	void requestsAreThreadBoundUnlessDetached() {
		assertThat(LockRequest.of("job").detached()).isFalse();
		assertThat(new LockRequest("job", LockMode.SHARED, null, "job").detached()).isFalse();
		assertThat(LockRequest.of("job").withDetached(true).detached()).isTrue();
	}

	@Test
	void everyWitherKeepsTheOtherComponents() {
		LockRequest request = LockRequest.of("account-7")
			.withDetached(true)
			.withMode(LockMode.SHARED)
			.withTimeout(Duration.ofSeconds(2))
			.withMetricName("account-#{#id}");
		assertThat(request).isEqualTo(
				new LockRequest("account-7", LockMode.SHARED, Duration.ofSeconds(2), "account-#{#id}", true));
		assertThat(request.withDetached(false))
			.isEqualTo(new LockRequest("account-7", LockMode.SHARED, Duration.ofSeconds(2), "account-#{#id}"));
	}

	@Test
	void aNegativeTimeoutIsRefusedWithTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> LockRequest.of("job").withTimeout(Duration.ofSeconds(-1)))
			.withMessage("Invalid timeout 'PT-1S': must be zero or positive");
	}

}
