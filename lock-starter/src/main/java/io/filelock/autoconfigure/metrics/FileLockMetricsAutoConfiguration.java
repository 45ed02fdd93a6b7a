package io.filelock.autoconfigure.metrics;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.engine.FileLockManager;
import io.filelock.metrics.FileLockManagerMetrics;
import io.filelock.metrics.FileLockMetricsListener;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of file lock metrics, when a {@link MeterRegistry} bean exists;
 * switched off by {@code file-lock.metrics.enabled=false}.
 * <p>
 * The {@link FileLockMetricsListener} is a plain bean: the lock manager collects every
 * {@link io.filelock.engine.LockListener} bean when it is created, by which time every
 * bean definition is known, so this configuration need not come before the manager's.
 * It comes after it for the gauges' {@code @ConditionalOnBean}.
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
	@ConditionalOnBean(FileLockManager.class)
	@ConditionalOnMissingBean
	FileLockManagerMetrics fileLockManagerMetrics(FileLockManager manager) {
		return new FileLockManagerMetrics(manager);
	}

}
