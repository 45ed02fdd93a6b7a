package io.filelock.autoconfigure.health;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.actuate.health.FileLockHealthIndicator;
import io.filelock.LockManager;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code fileLock} health contributor, switched off by
 * {@code management.health.filelock.enabled=false}. As with the endpoint, the
 * Actuator condition sits on the bean method so that it is only loaded once the class
 * condition has found Spring Boot Health.
 */
@AutoConfiguration(after = FileLockAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnSingleCandidate(LockManager.class)
public final class FileLockHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("filelock")
	@ConditionalOnMissingBean(name = "fileLockHealthIndicator")
	FileLockHealthIndicator fileLockHealthIndicator(LockManager manager) {
		return new FileLockHealthIndicator(manager);
	}

}
