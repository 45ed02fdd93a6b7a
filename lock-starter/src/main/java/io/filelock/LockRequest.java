package io.filelock;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One acquisition: which lock, in which mode, how long to wait, under which name metrics
 * and listeners report it, and whether the hold belongs to the acquiring thread.
 *
 * <pre class="code">
 * lockManager.acquire(LockRequest.of("counter").withTimeout(Duration.ofSeconds(2)));
 * </pre>
 *
 * A <em>detached</em> request ({@link #withDetached(boolean) withDetached(true)}) takes a
 * hold that belongs to no thread: its handle may be closed from any thread, for work that
 * goes on after the acquiring call returns (a {@code CompletableFuture}, a reactive
 * stream, a job released later by a timer). It excludes other processes and threads
 * exactly as a thread's hold does, but reentrancy does not apply to it: every detached
 * request is a new holder, so a second request for the same lock, detached or not and
 * from whichever thread, waits until the detached hold is released (or times out).
 *
 * @param name the lock's name
 * @param mode the mode
 * @param timeout how long to wait, or null for the lock's configured timeout; zero makes
 * exactly one attempt
 * @param metricName the name metrics and listeners see: the template a per-call name was
 * made from (such as {@code account-#{#id}}), so that their cardinality stays bounded
 * @param detached whether the hold belongs to no thread (see above), rather than to the
 * acquiring thread
 */
public record LockRequest(String name, LockMode mode, @Nullable Duration timeout, String metricName,
		boolean detached) {

	/**
	 * Checks the values.
	 * @param name the lock's name
	 * @param mode the mode
	 * @param timeout how long to wait (at least zero), or null for the configured timeout
	 * @param metricName the name metrics and listeners see
	 * @param detached whether the hold belongs to no thread
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public LockRequest {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(mode, "mode must not be null");
		Objects.requireNonNull(metricName, "metricName must not be null");
		if (timeout != null) {
			InvalidLockSettingException.notNegative("timeout", timeout);
		}
	}

	/**
	 * A request whose hold belongs to the acquiring thread.
	 * @param name the lock's name
	 * @param mode the mode
	 * @param timeout how long to wait (at least zero), or null for the configured timeout
	 * @param metricName the name metrics and listeners see
	 */
	public LockRequest(String name, LockMode mode, @Nullable Duration timeout, String metricName) {
		this(name, mode, timeout, metricName, false);
	}

	/**
	 * An exclusive acquisition of the named lock with its configured timeout, held by the
	 * acquiring thread.
	 * @param name the lock's name, also its metric name
	 * @return a new request
	 */
	public static LockRequest of(String name) {
		return new LockRequest(name, LockMode.EXCLUSIVE, null, name, false);
	}

	/**
	 * This request in another mode.
	 * @param mode exclusive or shared
	 * @return a new request
	 */
	public LockRequest withMode(LockMode mode) {
		return new LockRequest(this.name, mode, this.timeout, this.metricName, this.detached);
	}

	/**
	 * This request with another timeout.
	 * @param timeout how long to wait, or null for the lock's configured timeout
	 * @return a new request
	 */
	public LockRequest withTimeout(@Nullable Duration timeout) {
		return new LockRequest(this.name, this.mode, timeout, this.metricName, this.detached);
	}

	/**
	 * This request reported under another name.
	 * @param metricName the name metrics and listeners see
	 * @return a new request
	 */
	public LockRequest withMetricName(String metricName) {
		return new LockRequest(this.name, this.mode, this.timeout, metricName, this.detached);
	}

	/**
	 * This request with its hold detached from the acquiring thread, or bound to it.
	 * @param detached whether the hold belongs to no thread, so that its handle may be
	 * closed from any thread and the acquiring thread does not re-enter it
	 * @return a new request
	 */
	public LockRequest withDetached(boolean detached) {
		return new LockRequest(this.name, this.mode, this.timeout, this.metricName, detached);
	}

}
