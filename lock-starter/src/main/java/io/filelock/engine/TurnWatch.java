package io.filelock.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Looks whether other processes wait for a lock that this JVM keeps taking straight back
 * (see {@link Turn}), on a thread of its own rather than on the acquiring thread: a look
 * may take milliseconds ({@link BackendLock#othersWaiting}), and made by the acquiring
 * thread it would keep the lock from everyone meanwhile. Here the acquisition goes on at
 * once and the answer comes later.
 */
final class TurnWatch {

	private static final Log logger = LogFactory.getLog(TurnWatch.class);

	/** How long the watching thread stays when nothing is asked of it. */
	private static final long KEEP_ALIVE_SECONDS = 10;

	/**
	 * Whether processes other than {@code pid} wait for the lock of {@code entry}.
	 */
	@FunctionalInterface
	interface Probe {

		boolean othersWaiting(LockEntry entry, long pid);

	}

	/**
	 * Looks on one daemon thread, started when first needed. Not on the kernel wait's timer
	 * thread: a look keeps its thread for milliseconds, and would delay the signals that
	 * end waits at their deadline.
	 */
	static final TurnWatch SYSTEM = new TurnWatch((entry, pid) -> entry.backend.othersWaiting(pid),
			watchingThread());

	private final Probe probe;

	private final Executor executor;

	TurnWatch(Probe probe, Executor executor) {
		this.probe = probe;
		this.executor = executor;
	}

	/**
	 * Looks, without waiting for the answer, whether others wait for {@code entry}'s lock,
	 * and answers for {@code run} with {@link Admission#checked}.
	 */
	void check(LockEntry entry, long run, long pid) {
		try {
			this.executor.execute(() -> answer(entry, run, pid));
		}
		catch (RejectedExecutionException ex) {
			entry.hold.checked(run, false);
		}
	}

	private void answer(LockEntry entry, long run, long pid) {
		boolean othersWaiting = false;
		try {
			othersWaiting = this.probe.othersWaiting(entry, pid);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not look whether other processes wait for " + entry.key.resource().description()
					+ ": " + ex, ex);
		}
		finally {
			entry.hold.checked(run, othersWaiting);
		}
	}

	private static Executor watchingThread() {
		// looks are asked for one at a time per lock, so the queue holds at most one per busy lock
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), DaemonThreads.named("file-lock-turn-watch"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
