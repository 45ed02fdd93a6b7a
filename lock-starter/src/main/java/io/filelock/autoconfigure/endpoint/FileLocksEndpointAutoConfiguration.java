package io.filelock.autoconfigure.endpoint;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.actuate.endpoint.FileLocksEndpoint;
import io.filelock.LockManager;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link FileLocksEndpoint}, when Actuator is present and the
 * application exposes the endpoint.
 * <p>
 * The endpoint condition sits on the bean method, not on the class, so that the class
 * condition is decided first: where Actuator is missing, its condition class cannot be
 * loaded, and the early auto-configuration filter is not applied when the configuration
 * is imported directly.
 */
@AutoConfiguration(after = FileLockAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
public final class FileLocksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint(FileLocksEndpoint.class)
	@ConditionalOnSingleCandidate(LockManager.class)
	@ConditionalOnMissingBean
	FileLocksEndpoint fileLocksEndpoint(LockManager manager) {
		return new FileLocksEndpoint(manager);
	}

}
