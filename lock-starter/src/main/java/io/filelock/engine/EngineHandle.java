package io.filelock.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.filelock.LockHandle;
import io.filelock.LockMode;
import io.filelock.LockRequest;

/**
 * One hold of a lock by one owner: the thread that acquired it, or a
 * {@link DetachedOwner} whose handle any thread may close.
 */
final class EngineHandle implements LockHandle {

	private final DefaultLockManager manager;

	final LockEntry entry;

	final Object owner;

	final LockRequest request;

	private final Instant acquiredAt = Instant.now();

	final long acquiredNanos;

	private final AtomicBoolean closed = new AtomicBoolean();

	/** The lock's losses when this handle got it: a loss since makes it invalid. */
	private final long losses;

	EngineHandle(DefaultLockManager manager, LockEntry entry, Object owner, LockRequest request, long acquiredNanos) {
		this.manager = manager;
		this.entry = entry;
		this.owner = owner;
		this.request = request;
		this.acquiredNanos = acquiredNanos;
		this.losses = entry.hold.losses();
	}

	@Override
	public String name() {
		return this.request.name();
	}

	@Override
	public Optional<Path> file() {
		return Optional.ofNullable(this.entry.key.resource().file());
	}

	@Override
	public String resource() {
		return this.entry.key.resource().description();
	}

	@Override
	public boolean isValid() {
		return !this.closed.get() && this.entry.hold.losses() == this.losses && !this.entry.hold.isLost();
	}

	@Override
	public LockMode mode() {
		return this.request.mode();
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
		return "LockHandle[" + name() + " " + mode() + " " + this.entry.key.resource().description()
				+ (this.closed.get() ? " released" : "") + "]";
	}

}
