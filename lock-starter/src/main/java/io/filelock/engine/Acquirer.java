package io.filelock.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.LockPolicy;
import io.filelock.LockRequest;
import io.filelock.engine.AcquisitionReport.Attempt;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockManagerSettings;
import org.jspecify.annotations.Nullable;

/**
 * Acquires locks: settles contention between threads of this JVM through the lock's
 * {@link Admission}, and competes with other processes through its {@link BackendLock}:
 * one attempt, then a wait in the backend's queue where it can (the kernel's for lock
 * files), or attempts spaced by the backoff, until the timeout.
 */
final class Acquirer {

	private final LockManagerSettings settings;

	private final LockBackend backend;

	private final LockTable table;

	private final Ticker ticker;

	private final Sleeper sleeper;

	private final TurnWatch turnWatch;

	private final AcquisitionReport report;

	private final AtomicInteger active;

	private final AtomicInteger pending;

	private final long pid = ProcessHandle.current().pid();

	Acquirer(LockManagerSettings settings, LockBackend backend, LockTable table, Ticker ticker, Sleeper sleeper,
			TurnWatch turnWatch, AcquisitionReport report, AtomicInteger active, AtomicInteger pending) {
		this.settings = settings;
		this.backend = backend;
		this.table = table;
		this.ticker = ticker;
		this.sleeper = sleeper;
		this.turnWatch = turnWatch;
		this.report = report;
		this.active = active;
		this.pending = pending;
	}

	/**
	 * Acquires the lock {@code request} names for the calling thread, or for a new
	 * {@link DetachedOwner} if the request is detached.
	 * @param quietly whether to return null rather than throw (and log a warning) when it
	 * is still held elsewhere at the timeout
	 */
	@Nullable EngineHandle acquire(DefaultLockManager manager, LockRequest request, boolean quietly) {
		LockPolicy policy = this.settings.policy(request.name());
		Duration timeout = (request.timeout() != null) ? request.timeout() : policy.timeout();
		BackendKey key = this.backend.keyOf(request.name(), policy);
		long start = this.ticker.nanoTime();
		long timeoutNanos = toNanos(timeout);
		Attempt attempt = new Attempt(request, key.resource().description(), timeout, start);
		if (timeoutNanos > 0 && Thread.interrupted()) {
			throw this.report.interrupted(attempt, new InterruptedException(), start);
		}
		LockEntry entry = this.table.retain(key, (k) -> new LockEntry(k, request.name(), this.backend.open(k)));
		Object owner = request.detached() ? new DetachedOwner(Thread.currentThread()) : Thread.currentThread();
		boolean holding = false;
		this.pending.incrementAndGet();
		try {
			Decision decision = enter(entry, owner, timeoutNanos, attempt);
			if (decision == Decision.TIMED_OUT) {
				this.report.timedOut(attempt, quietly, this.ticker.nanoTime(), entry.admission::describeLocalHolders);
				return null;
			}
			long acquired;
			if (decision == Decision.ACQUIRE) {
				acquired = acquireFromBackend(entry, owner, policy, start + timeoutNanos, attempt);
				if (acquired == NOT_ACQUIRED) {
					this.report.timedOut(attempt, quietly, this.ticker.nanoTime(), () -> describeHolders(entry));
					return null;
				}
				entry.metricName = request.metricName();
			}
			else {
				acquired = this.ticker.nanoTime();
			}
			holding = true;
			if (decision != Decision.HELD) {
				// the JVM has a holder now: from the backend, or handed the lock kept for its threads (the owner
				// record is not rewritten then: the JVM held the lock without a break since the one named took it)
				this.active.incrementAndGet();
			}
			this.report.acquired(attempt, acquired);
			return new EngineHandle(manager, entry, owner, request, acquired);
		}
		catch (InterruptedException ex) {
			throw this.report.interrupted(attempt, ex, this.ticker.nanoTime());
		}
		finally {
			this.pending.decrementAndGet();
			if (!holding) {
				// whatever ended the attempt (timeout, interrupt, error), let the next thread in line try
				entry.admission.abandon();
				this.table.release(entry);
			}
		}
	}

	/**
	 * Waits for the threads of this JVM that keep the lock, with the same one INFO line as
	 * a wait for another process once the wait log threshold has passed.
	 */
	private Decision enter(LockEntry entry, Object owner, long timeoutNanos, Attempt attempt)
			throws InterruptedException {
		long thresholdNanos = toNanos(this.settings.waitLogThreshold());
		if (timeoutNanos <= thresholdNanos) {
			return entry.admission.enter(owner, attempt.mode(), timeoutNanos);
		}
		Decision decision = entry.admission.enter(owner, attempt.mode(), thresholdNanos);
		if (decision != Decision.TIMED_OUT) {
			return decision;
		}
		this.report.blocking(attempt, entry.admission.describeLocalHolders());
		long waited = this.ticker.nanoTime() - attempt.start;
		return entry.admission.enter(owner, attempt.mode(), timeoutNanos - waited);
	}

	private static final long NOT_ACQUIRED = Long.MIN_VALUE;

	/**
	 * Takes the backend's lock for the JVM, as the one thread allowed to.
	 * @return when it was taken, or {@link #NOT_ACQUIRED} at the deadline
	 */
	private long acquireFromBackend(LockEntry entry, Object owner, LockPolicy policy, long deadline, Attempt attempt)
			throws InterruptedException {
		LockMode mode = attempt.mode();
		long now = attempt.start;
		long courtesy = entry.hold.courtesyNanos(now);
		if (courtesy > 0 && deadline - now > 0) {
			// this JVM took the lock straight back for a whole turn while others waited: let one of them in
			this.sleeper.sleep(Math.min(courtesy, deadline - now));
		}
		long thresholdNanos = toNanos(this.settings.waitLogThreshold());
		// decided after a first attempt failed, so that an uncontended acquisition pays nothing for it
		Boolean inQueue = null;
		Waiting waiting = null;
		attempt.attempts++;
		boolean locked = tryLock(entry, mode, attempt);
		while (!locked) {
			now = this.ticker.nanoTime();
			if (now - deadline >= 0) {
				return NOT_ACQUIRED;
			}
			if (!attempt.announced && now - attempt.start >= thresholdNanos) {
				this.report.blocking(attempt, describeHolders(entry));
			}
			if (inQueue == null) {
				inQueue = this.settings.kernelWait() && entry.backend.canAwait();
			}
			attempt.attempts++;
			if (inQueue) {
				// until the deadline, or first until the wait is long enough to be logged
				long nanos = attempt.announced ? deadline - now
						: Math.min(deadline - now, attempt.start + thresholdNanos - now);
				try {
					locked = awaitLock(entry, mode, nanos, attempt);
				}
				catch (WaitRefusedException ex) {
					inQueue = false;
				}
			}
			else {
				if (waiting == null) {
					waiting = new Waiting(policy.backoff(), this.sleeper);
				}
				waiting.sleep(deadline - now);
				locked = tryLock(entry, mode, attempt);
			}
		}
		long acquired = this.ticker.nanoTime();
		long run = entry.admission.acquired(owner, mode, attempt.attempts == 1, acquired);
		if (run != Turn.NO_CHECK) {
			this.turnWatch.check(entry, run, this.pid);
		}
		return acquired;
	}

	private boolean tryLock(LockEntry entry, LockMode mode, Attempt attempt) {
		try {
			return entry.backend.tryLock(mode);
		}
		catch (LockException ex) {
			throw this.report.failed(attempt, ex, this.ticker.nanoTime());
		}
	}

	private boolean awaitLock(LockEntry entry, LockMode mode, long nanos, Attempt attempt)
			throws InterruptedException {
		try {
			return entry.backend.awaitLock(mode, nanos);
		}
		catch (LockException ex) {
			throw this.report.failed(attempt, ex, this.ticker.nanoTime());
		}
	}

	private String describeHolders(LockEntry entry) {
		try {
			return this.backend.holders(entry.key)
				.map(LockHolders::description)
				.orElse(entry.key.resource().description() + " does not exist");
		}
		catch (LockException ex) {
			return "holders not readable: " + ex.getMessage();
		}
	}

	static long toNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return TimeUnit.DAYS.toNanos(365 * 100);
		}
	}

}
