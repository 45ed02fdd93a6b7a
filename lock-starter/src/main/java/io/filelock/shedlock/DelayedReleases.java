package io.filelock.shedlock;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.filelock.LockHandle;

/**
 * Releases the locks of jobs that ended before their {@code lockAtLeastFor}, at its end,
 * on a daemon thread of its own (started with the first such lock), so that no scheduler
 * thread of the application waits for them.
 */
final class DelayedReleases implements AutoCloseable {

	/** Beyond it a lock is as good as held for ever, and its release time cannot overflow. */
	private static final Duration LONGEST = Duration.ofDays(365L * 100);

	private final ScheduledThreadPoolExecutor executor;

	/** The handles waiting for their time, released by whichever of the timer and close() comes first. */
	private final Set<LockHandle> pending = ConcurrentHashMap.newKeySet();

	DelayedReleases() {
		this.executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "file-lock-shedlock-release");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
	}

	/**
	 * The {@link System#nanoTime()} that {@code duration} from now will be; now if it is
	 * negative.
	 */
	static long nanoTimeIn(Duration duration) {
		Duration bounded = duration.isNegative() ? Duration.ZERO
				: (duration.compareTo(LONGEST) > 0) ? LONGEST : duration;
		return System.nanoTime() + bounded.toNanos();
	}

	/**
	 * Releases {@code handle} at {@code nanoTime}, or now if that has passed.
	 */
	void releaseAt(LockHandle handle, long nanoTime) {
		long delay = nanoTime - System.nanoTime();
		if (delay <= 0) {
			handle.close();
			return;
		}
		this.pending.add(handle);
		try {
			this.executor.schedule(() -> release(handle), delay, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed: nothing waits any more
			release(handle);
		}
	}

	private void release(LockHandle handle) {
		if (this.pending.remove(handle)) {
			handle.close();
		}
	}

	/**
	 * Stops the thread and releases every lock still waiting, now.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
		this.pending.forEach(this::release);
	}

}
