package io.filelock.engine.postgres;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The locks whose waiter was refused a session of its own (all of
 * {@code file-lock.postgres.max-sessions} in use) and retries with its backoff until it gets
 * the lock, so that the holders a message reports say why this process is not in the
 * server's queue. Thread-safe.
 */
final class RefusedWaits {

	private final Set<AdvisoryKey> refused = ConcurrentHashMap.newKeySet();

	/**
	 * Notes that a waiter for {@code key} was refused a session, or got the lock.
	 */
	void refused(AdvisoryKey key, boolean refused) {
		if (refused) {
			this.refused.add(key);
		}
		else {
			this.refused.remove(key);
		}
	}

	/**
	 * Whether the waiter for {@code key} retries with its backoff, as no session was free
	 * for it to wait in the server's queue.
	 */
	boolean wasRefused(AdvisoryKey key) {
		return this.refused.contains(key);
	}

}
