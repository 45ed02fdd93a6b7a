package io.filelock.metrics;

import io.filelock.engine.FileLockManager;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauges of a {@link FileLockManager}: {@code file.lock.active}, the locks it
 * holds now, and {@code file.lock.pending}, the threads waiting for one now.
 */
public final class FileLockManagerMetrics implements MeterBinder {

	private final FileLockManager manager;

	public FileLockManagerMetrics(FileLockManager manager) {
		this.manager = manager;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("file.lock.active", this.manager, FileLockManager::activeCount)
			.description("File locks this JVM holds now")
			.register(registry);
		Gauge.builder("file.lock.pending", this.manager, FileLockManager::pendingCount)
			.description("Threads of this JVM waiting for a file lock now")
			.register(registry);
	}

}
