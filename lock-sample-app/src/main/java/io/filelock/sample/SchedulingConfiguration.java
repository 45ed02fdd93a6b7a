package io.filelock.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the {@code @Scheduled} jobs unless {@code sample.scheduling.enabled=false} (the
 * demo's batch processes turn it off).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sample.scheduling.enabled", matchIfMissing = true)
@EnableScheduling
class SchedulingConfiguration {

}
