package io.filelock.engine;

import java.time.Duration;
import java.util.function.Supplier;

import io.filelock.LockException;
import io.filelock.LockInterruptedException;
import io.filelock.LockMode;
import io.filelock.LockRequest;
import io.filelock.LockTimeoutException;
import io.filelock.spi.LockListener;
import io.filelock.spi.LockListener.AcquireEvent;
import io.filelock.spi.LockListener.Outcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What an acquisition tells the log and the listeners: DEBUG on acquire and release, one
 * INFO line once a caller has waited past the wait log threshold, one WARN line per
 * timeout with the same facts as the exception, and an event per acquisition and release.
 * Nothing per retry.
 */
final class AcquisitionReport {

	private static final Log logger = LogFactory.getLog(AcquisitionReport.class);

	private final LockListener listener;

	AcquisitionReport(LockListener listener) {
		this.listener = listener;
	}

	void blocking(Attempt attempt, String holders) {
		attempt.announced = true;
		logger.info("Blocking waiting for file lock " + Names.quote(attempt.request.name()) + " (" + attempt.resource + ", "
				+ attempt.request.mode() + "): " + holders);
	}

	Duration acquired(Attempt attempt, long nowNanos) {
		Duration waited = finish(attempt, Outcome.ACQUIRED, nowNanos);
		if (attempt.announced) {
			logger.info("Acquired file lock " + Names.quote(attempt.request.name()) + " after " + waited.toMillis() + " ms");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Acquired file lock " + Names.quote(attempt.request.name()) + " (" + attempt.resource + ", "
					+ attempt.request.mode() + ") after " + waited.toMillis() + " ms, " + attempt.attempts
					+ " attempt(s)");
		}
		return waited;
	}

	/**
	 * @throws LockTimeoutException unless {@code quietly}
	 */
	void timedOut(Attempt attempt, boolean quietly, long nowNanos, Supplier<String> holders) {
		Duration waited = finish(attempt, quietly ? Outcome.SKIPPED : Outcome.TIMEOUT, nowNanos);
		if (quietly) {
			return;
		}
		LockRequest request = attempt.request;
		String message = "Timed out after " + waited.toMillis() + " ms (timeout " + attempt.timeout.toMillis()
				+ " ms, " + attempt.attempts + " attempt(s)) waiting for " + request.mode() + " lock "
				+ Names.quote(request.name()) + " (" + attempt.resource + "): " + holders.get();
		logger.warn(message);
		throw new LockTimeoutException(message, request.name(), waited, attempt.attempts);
	}

	LockInterruptedException interrupted(Attempt attempt, InterruptedException ex, long nowNanos) {
		Thread.currentThread().interrupt();
		Duration waited = finish(attempt, Outcome.INTERRUPTED, nowNanos);
		return new LockInterruptedException("Interrupted after " + waited.toMillis() + " ms waiting for "
				+ attempt.request.mode() + " lock " + Names.quote(attempt.request.name()) + " (" + attempt.resource
				+ ")", ex);
	}

	LockException failed(Attempt attempt, LockException ex, long nowNanos) {
		finish(attempt, Outcome.ERROR, nowNanos);
		return ex;
	}

	void released(EngineHandle handle, Duration held) {
		this.listener.released(handle.request.metricName(), handle.mode(), held);
		if (logger.isDebugEnabled()) {
			logger.debug("Released file lock " + Names.quote(handle.name()) + " (" + handle.entry.key.resource().description()
					+ ", " + handle.mode() + ") after " + held.toMillis() + " ms");
		}
	}

	/**
	 * One ERROR line and an event for a lock lost while held.
	 */
	void lost(LockEntry entry, LockMode mode, String reason, String localHolders) {
		logger.error("Lost lock " + Names.quote(entry.name) + " (" + entry.key.resource().description() + ", " + mode
				+ "): " + reason + ". It no longer excludes other processes, while it is still " + localHolders
				+ ", which may be working under it; LockHandle.isValid() is false from now on");
		this.listener.lockLost(entry.metricName, mode);
	}

	void releaseFailed(EngineHandle handle, LockException ex) {
		logger.warn("Releasing " + handle + " failed; the lock was dropped: " + ex.getMessage());
	}

	private Duration finish(Attempt attempt, Outcome outcome, long nowNanos) {
		Duration waited = Duration.ofNanos(Math.max(nowNanos - attempt.start, 0));
		this.listener.acquireFinished(
				new AcquireEvent(attempt.request.metricName(), attempt.request.mode(), outcome, waited, attempt.attempts));
		return waited;
	}

	/**
	 * The state of one acquisition.
	 */
	static final class Attempt {

		final LockRequest request;

		final String resource;

		final Duration timeout;

		final long start;

		int attempts;

		boolean announced;

		Attempt(LockRequest request, String resource, Duration timeout, long start) {
			this.request = request;
			this.resource = resource;
			this.timeout = timeout;
			this.start = start;
		}

		LockMode mode() {
			return this.request.mode();
		}

	}

}
