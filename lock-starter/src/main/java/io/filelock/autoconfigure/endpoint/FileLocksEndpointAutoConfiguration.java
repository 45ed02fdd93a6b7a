package io.filelock.autoconfigure.endpoint;

import io.filelock.actuate.endpoint.FileLocksEndpoint;
import io.filelock.engine.FileLockManager;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link FileLocksEndpoint}, when Actuator is present and the
 * application exposes the endpoint.
 */
@AutoConfiguration(afterName = "io.filelock.autoconfigure.FileLockAutoConfiguration")
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(FileLocksEndpoint.class)
public final class FileLocksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(FileLockManager.class)
	@ConditionalOnMissingBean
	FileLocksEndpoint fileLocksEndpoint(FileLockManager manager) {
		return new FileLocksEndpoint(manager);
	}

}
