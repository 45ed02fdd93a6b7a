package io.filelock.metrics;

import io.filelock.LockManager;
import io.filelock.spi.LockIntrospection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauges of a {@link LockManager} that can tell its state
 * ({@link LockIntrospection}): {@code file.lock.active}, the locks it holds now, and
 * {@code file.lock.pending}, the threads waiting for one now. Binds nothing for another.
 */
public final class FileLockManagerMetrics implements MeterBinder {

	private final LockManager manager;

	public FileLockManagerMetrics(LockManager manager) {
		this.manager = manager;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!(this.manager instanceof LockIntrospection introspection)) {
			return;
		}
		Gauge.builder("file.lock.active", introspection, LockIntrospection::activeCount)
			.description("File locks this JVM holds now")
			.register(registry);
		Gauge.builder("file.lock.pending", introspection, LockIntrospection::pendingCount)
			.description("Threads of this JVM waiting for a file lock now")
			.register(registry);
	}

}
