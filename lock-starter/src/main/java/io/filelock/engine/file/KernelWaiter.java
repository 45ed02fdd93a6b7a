package io.filelock.engine.file;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.filelock.engine.DaemonThreads;
import org.jspecify.annotations.Nullable;

/**
 * One thread waiting in the kernel ({@link KernelWait}), and the timer task that watches
 * it: past the deadline or once the thread is interrupted, it signals the thread while it
 * is inside the wait, and again every millisecond until it has left.
 */
final class KernelWaiter implements Runnable {

	/** How soon a signal is repeated when it may have arrived before the call began. */
	private static final long RESIGNAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final Posix.Signals signals;

	private final Thread thread;

	private final long pthread;

	private final long deadline;

	private final ReentrantLock lock = new ReentrantLock();

	/** Guarded by {@code lock}. */
	private boolean inKernel;

	/** Guarded by {@code lock}. */
	private boolean finished;

	/** Guarded by {@code lock}. */
	private @Nullable ScheduledFuture<?> next;

	KernelWaiter(Posix.Signals signals, Thread thread, long pthread, long deadline) {
		this.signals = signals;
		this.thread = thread;
		this.pthread = pthread;
		this.deadline = deadline;
	}

	/**
	 * Marks the thread as inside the wait, unless its time has come.
	 * @return false if it must not wait (any more)
	 */
	boolean enter() {
		this.lock.lock();
		try {
			if (due()) {
				return false;
			}
			this.inKernel = true;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Marks the thread as out of the wait; from here on it is never signalled.
	 */
	void leave() {
		this.lock.lock();
		try {
			this.inKernel = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	void finish() {
		this.lock.lock();
		try {
			this.finished = true;
			if (this.next != null) {
				this.next.cancel(false);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean due() {
		return System.nanoTime() - this.deadline >= 0 || this.thread.isInterrupted();
	}

	/** Runs on the timer thread. */
	@Override
	public void run() {
		this.lock.lock();
		try {
			if (this.finished) {
				return;
			}
			if (due()) {
				if (this.inKernel) {
					this.signals.kill(this.pthread, KernelWait.SIGNAL);
				}
				// in case it arrived before the call began: repeated until the thread has left
				schedule(RESIGNAL_NANOS);
			}
			else {
				schedule(Math.max(Math.min(this.deadline - System.nanoTime(), KernelWait.INTERRUPT_CHECK_NANOS), 0));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	void schedule(long nanos) {
		this.lock.lock();
		try {
			if (!this.finished) {
				this.next = Timer.EXECUTOR.schedule(this, nanos, TimeUnit.NANOSECONDS);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The one daemon thread that cuts waits short, started with the first wait.
	 */
	private static final class Timer {

		static final ScheduledThreadPoolExecutor EXECUTOR = create();

		private static ScheduledThreadPoolExecutor create() {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
					DaemonThreads.named("file-lock-wait-timer"));
			executor.setRemoveOnCancelPolicy(true);
			return executor;
		}

	}

}
