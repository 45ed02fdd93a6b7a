package io.filelock.autoconfigure.shedlock;

import io.filelock.LockManager;
import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.shedlock.FileLockProvider;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link FileLockProvider}, the {@link LockProvider} that
 * {@code @SchedulerLock} jobs lock through, when ShedLock is present and the application
 * defines no {@code LockProvider} of its own. The application still switches ShedLock
 * on itself, with {@code @EnableSchedulerLock}.
 */
@AutoConfiguration(after = FileLockAutoConfiguration.class)
@ConditionalOnClass(LockProvider.class)
public final class FileLockShedLockAutoConfiguration {

	@Bean
	@ConditionalOnSingleCandidate(LockManager.class)
	@ConditionalOnMissingBean(LockProvider.class)
	FileLockProvider fileLockProvider(LockManager lockManager) {
		return new FileLockProvider(lockManager);
	}

}
