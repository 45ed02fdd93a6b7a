package io.filelock.autoconfigure.integration;

import io.filelock.LockManager;
import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.integration.FileLockRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * Auto-configuration of a {@link FileLockRegistry}, the {@link LockRegistry} that a
 * {@code LockRegistryLeaderInitiator} and other Spring Integration components can be
 * given, when Spring Integration is present and the application defines no
 * {@code LockRegistry} of its own. Exclude it to keep none.
 */
@AutoConfiguration(after = FileLockAutoConfiguration.class)
@ConditionalOnClass(LockRegistry.class)
public final class FileLockIntegrationAutoConfiguration {

	@Bean
	@ConditionalOnSingleCandidate(LockManager.class)
	@ConditionalOnMissingBean(LockRegistry.class)
	FileLockRegistry fileLockRegistry(LockManager lockManager) {
		return new FileLockRegistry(lockManager);
	}

}
