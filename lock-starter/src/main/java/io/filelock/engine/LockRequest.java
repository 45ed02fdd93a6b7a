package io.filelock.engine;

import java.time.Duration;
import java.util.Objects;

import io.filelock.LockMode;
import org.jspecify.annotations.Nullable;

/**
 * One acquisition, as the annotation support makes it.
 *
 * @param name the lock's name
 * @param mode the mode
 * @param timeout how long to wait, or null for the lock's configured timeout
 * @param metricName the name metrics and listeners see: the template a name was made
 * from, so that their cardinality stays bounded
 */
public record LockRequest(String name, LockMode mode, @Nullable Duration timeout, String metricName) {

	public LockRequest {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(mode, "mode must not be null");
		Objects.requireNonNull(metricName, "metricName must not be null");
		if (timeout != null && timeout.isNegative()) {
			throw new IllegalArgumentException("Invalid timeout '" + timeout + "': must be >= 0");
		}
	}

	public static LockRequest of(String name, LockMode mode, @Nullable Duration timeout) {
		return new LockRequest(name, mode, timeout, name);
	}

}
