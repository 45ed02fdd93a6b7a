package io.filelock;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One acquisition: which lock, in which mode, how long to wait, and under which name
 * metrics and listeners report it.
 *
 * <pre class="code">
 * lockManager.acquire(LockRequest.of("counter").withTimeout(Duration.ofSeconds(2)));
 * </pre>
 *
 * @param name the lock's name
 * @param mode the mode
 * @param timeout how long to wait, or null for the lock's configured timeout; zero makes
 * exactly one attempt
 * @param metricName the name metrics and listeners see: the template a per-call name was
 * made from (such as {@code account-#{#id}}), so that their cardinality stays bounded
 */
public record LockRequest(String name, LockMode mode, @Nullable Duration timeout, String metricName) {

	/**
	 * Checks the values.
	 * @param name the lock's name
	 * @param mode the mode
	 * @param timeout how long to wait (at least zero), or null for the configured timeout
	 * @param metricName the name metrics and listeners see
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public LockRequest {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(mode, "mode must not be null");
		Objects.requireNonNull(metricName, "metricName must not be null");
		if (timeout != null && timeout.isNegative()) {
			throw new IllegalArgumentException("Invalid timeout '" + timeout + "': must be >= 0");
		}
	}

	/**
	 * An exclusive acquisition of the named lock with its configured timeout.
	 * @param name the lock's name, also its metric name
	 * @return a new request
	 */
	public static LockRequest of(String name) {
		return new LockRequest(name, LockMode.EXCLUSIVE, null, name);
	}

	/**
	 * This request in another mode.
	 * @param mode exclusive or shared
	 * @return a new request
	 */
	public LockRequest withMode(LockMode mode) {
		return new LockRequest(this.name, mode, this.timeout, this.metricName);
	}

	/**
	 * This request with another timeout.
	 * @param timeout how long to wait, or null for the lock's configured timeout
	 * @return a new request
	 */
	public LockRequest withTimeout(@Nullable Duration timeout) {
		return new LockRequest(this.name, this.mode, timeout, this.metricName);
	}

	/**
	 * This request reported under another name.
	 * @param metricName the name metrics and listeners see
	 * @return a new request
	 */
	public LockRequest withMetricName(String metricName) {
		return new LockRequest(this.name, this.mode, this.timeout, metricName);
	}

}
