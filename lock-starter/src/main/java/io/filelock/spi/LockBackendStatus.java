package io.filelock.spi;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where a lock manager holds its locks, and whether it can.
 *
 * @param kind the kind of backend: {@code file}
 * @param location where: the lock directory
 * @param details settings that say how locks are taken and waited for, such as
 * {@code strategy} ({@code FLOCK}), {@code binding} ({@code ffm} or {@code jna}) and
 * {@code waits} ({@code kernel} or {@code backoff}), and where they are held and how far
 * they reach, such as {@code filesystem} ({@code nfs4}), {@code mountPoint} and
 * {@code scope} ({@code host}, {@code cluster}, {@code none} or {@code unknown})
 * @param problem why locks cannot be taken now (a lock directory that cannot be
 * created, or that another user controls), or null if they can
 */
public record LockBackendStatus(String kind, String location, Map<String, String> details,
		@Nullable String problem) {

	/**
	 * Copies the details.
	 * @param kind the kind of backend
	 * @param location where the locks are held
	 * @param details how locks are taken and waited for
	 * @param problem why locks cannot be taken now, or null
	 */
	public LockBackendStatus {
		details = Map.copyOf(details);
	}

	/**
	 * Whether locks can be taken.
	 * @return true if there is no {@link #problem()}
	 */
	public boolean isUsable() {
		return this.problem == null;
	}

}
