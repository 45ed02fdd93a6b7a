package io.filelock.integration;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockRequest;

/**
 * The {@link Lock} of one key of a {@link FileLockRegistry}: the file lock of that name,
 * taken exclusively and held by the calling thread.
 */
final class RegistryLock implements Lock {

	/** What {@code lock()} waits: as long as it takes. */
	private static final Duration UNBOUNDED = Duration.ofNanos(Long.MAX_VALUE);

	private final String name;

	private final LockManager lockManager;

	private final ThreadHandles handles;

	RegistryLock(String name, LockManager lockManager, ThreadHandles handles) {
		this.name = name;
		this.lockManager = lockManager;
		this.handles = handles;
	}

	/**
	 * Waits for the lock however long it takes; an interrupt does not end the wait, and
	 * the thread's interrupt flag is set again once it holds the lock.
	 */
	@Override
	public void lock() {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					this.handles.push(this.name, this.lockManager.acquire(request(UNBOUNDED)));
					return;
				}
				catch (LockInterruptedException ex) {
					interrupted = true;
					Thread.interrupted();
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void lockInterruptibly() throws InterruptedException {
		try {
			this.handles.push(this.name, this.lockManager.acquire(request(UNBOUNDED)));
		}
		catch (LockInterruptedException ex) {
			throw interrupted(ex);
		}
	}

	/**
	 * Makes one attempt, and never waits.
	 */
	@Override
	public boolean tryLock() {
		return hold(this.lockManager.tryAcquire(request(Duration.ZERO)));
	}

	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		try {
			return hold(this.lockManager.tryAcquire(request(Duration.ofNanos(Math.max(unit.toNanos(time), 0)))));
		}
		catch (LockInterruptedException ex) {
			throw interrupted(ex);
		}
	}

	/**
	 * Releases one hold of the calling thread.
	 * @throws IllegalMonitorStateException if the calling thread does not hold the lock
	 */
	@Override
	public void unlock() {
		LockHandle handle = this.handles.pop(this.name);
		if (handle == null) {
			throw new IllegalMonitorStateException("Cannot unlock file lock '" + this.name + "': thread '"
					+ Thread.currentThread().getName() + "' does not hold it");
		}
		handle.close();
	}

	/**
	 * Not supported: a condition's waiters could not be signalled by the holders of
	 * other processes.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("File lock '" + this.name
				+ "' of a FileLockRegistry has no conditions: the holders of other processes could not signal them");
	}

	private boolean hold(Optional<LockHandle> handle) {
		handle.ifPresent((held) -> this.handles.push(this.name, held));
		return handle.isPresent();
	}

	private LockRequest request(Duration timeout) {
		return LockRequest.of(this.name).withTimeout(timeout);
	}

	/**
	 * The {@link InterruptedException} the {@link Lock} contract asks for, with the
	 * interrupt flag cleared as it says.
	 */
	private static InterruptedException interrupted(LockInterruptedException ex) {
		Thread.interrupted();
		InterruptedException interrupted = new InterruptedException(ex.getMessage());
		interrupted.initCause(ex);
		return interrupted;
	}

	@Override
	public String toString() {
		return "FileLockRegistry lock '" + this.name + "'";
	}

}
