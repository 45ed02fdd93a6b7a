package io.filelock.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.filelock.LockHandle;
import io.filelock.LockMode;

/**
 * One hold of a lock by one thread.
 */
final class FileLockHandle implements LockHandle {

	private final FileLockManager manager;

	final LockEntry entry;

	final Thread owner;

	final String metricName;

	private final String name;

	private final LockMode mode;

	private final Instant acquiredAt;

	final long acquiredNanos;

	private final AtomicBoolean closed = new AtomicBoolean();

	FileLockHandle(FileLockManager manager, LockEntry entry, String name, LockMode mode, String metricName,
			long acquiredNanos) {
		this.manager = manager;
		this.entry = entry;
		this.name = name;
		this.mode = mode;
		this.metricName = metricName;
		this.owner = Thread.currentThread();
		this.acquiredAt = Instant.now();
		this.acquiredNanos = acquiredNanos;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Path path() {
		return this.entry.path;
	}

	@Override
	public LockMode mode() {
		return this.mode;
	}

	@Override
	public Instant acquiredAt() {
		return this.acquiredAt;
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.manager.release(this);
		}
	}

	@Override
	public String toString() {
		return "LockHandle[" + this.name + " " + this.mode + " " + this.entry.path
				+ (this.closed.get() ? " released" : "") + "]";
	}

}
