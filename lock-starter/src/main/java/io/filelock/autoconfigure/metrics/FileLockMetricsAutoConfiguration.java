package io.filelock.autoconfigure.metrics;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.LockManager;
import io.filelock.metrics.FileLockManagerMetrics;
import io.filelock.metrics.FileLockMetricsListener;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of file lock metrics, when a {@link MeterRegistry} bean exists;
 * switched off by {@code file-lock.metrics.enabled=false}.
 * <p>
 * The {@link FileLockMetricsListener} is a plain bean: the starter registers every
 * {@link io.filelock.spi.LockListener} bean on every lock manager bean that reports its
 * events ({@link io.filelock.spi.LockEvents}), the auto-configured one and those an
 * application builds itself, so that their timers are recorded alike. This configuration
 * comes after the manager's for the gauges' condition.
 */
@AutoConfiguration(after = FileLockAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "file-lock.metrics.enabled", matchIfMissing = true)
public final class FileLockMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FileLockMetricsListener fileLockMetricsListener(MeterRegistry registry) {
		return new FileLockMetricsListener(registry);
	}

	@Bean
	@ConditionalOnSingleCandidate(LockManager.class)
	@ConditionalOnMissingBean
	FileLockManagerMetrics fileLockManagerMetrics(LockManager manager) {
		return new FileLockManagerMetrics(manager);
	}

}
