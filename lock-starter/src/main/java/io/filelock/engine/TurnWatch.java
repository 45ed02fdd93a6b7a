package io.filelock.engine;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Looks whether other processes wait for a lock that this JVM keeps taking straight back
 * (see {@link Turn}), on a thread of its own rather than on the acquiring thread.
 * <p>
 * The look reads {@code /proc/locks}, and the kernel makes a reader of that file wait for
 * an RCU grace period (it takes the lock table's per-CPU semaphore for writing): about
 * 8 ms here once the file has not been read for a few milliseconds. Only the reader waits,
 * not other processes' lock calls (measured: flock(2) calls in a loop were no slower while
 * another process read the file every 20 ms). Made by the acquiring thread, the look held
 * the lock for those milliseconds and nobody could take it. Here the acquisition goes on
 * at once and the answer comes a few milliseconds later.
 */
final class TurnWatch {

	private static final Log logger = LogFactory.getLog(TurnWatch.class);

	/** How long the watching thread stays when nothing is asked of it. */
	private static final long KEEP_ALIVE_SECONDS = 10;

	/**
	 * Whether processes other than {@code pid} wait in the kernel for {@code file}.
	 */
	@FunctionalInterface
	interface Probe {

		boolean othersWaiting(Path file, long pid);

	}

	/**
	 * Reads {@code /proc/locks} on one daemon thread, started when first needed. Not on the
	 * kernel wait's timer thread: a look keeps its thread for a grace period, and would delay
	 * the signals that end waits at their deadline.
	 */
	static final TurnWatch SYSTEM = new TurnWatch(ProcLocks::othersWaiting, watchingThread());

	private final Probe probe;

	private final Executor executor;

	TurnWatch(Probe probe, Executor executor) {
		this.probe = probe;
		this.executor = executor;
	}

	/**
	 * Looks, without waiting for the answer, whether others wait for {@code entry}'s file,
	 * and answers for {@code run} with {@link LockEntry#checked}.
	 */
	void check(LockEntry entry, long run, long pid) {
		try {
			this.executor.execute(() -> answer(entry, run, pid));
		}
		catch (RejectedExecutionException ex) {
			entry.checked(run, false);
		}
	}

	private void answer(LockEntry entry, long run, long pid) {
		boolean othersWaiting = false;
		try {
			othersWaiting = this.probe.othersWaiting(entry.path, pid);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not look whether other processes wait for " + entry.path + ": " + ex, ex);
		}
		finally {
			entry.checked(run, othersWaiting);
		}
	}

	private static Executor watchingThread() {
		// looks are asked for one at a time per lock, so the queue holds at most one per busy lock
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "file-lock-turn-watch");
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
