package io.filelock.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's state of one lock while a thread holds or waits for it: who holds it inside
 * the JVM ({@link Admission}) and the lock outside the JVM ({@link BackendLock}), as the
 * JVM holds it ({@link BackendHold}).
 */
final class LockEntry {

	final BackendKey key;

	/** The name the lock was first taken under, for messages and snapshots. */
	final String name;

	final BackendLock backend;

	/** The backend's lock as the JVM holds it: its mode, its loss, hand-off and turns. */
	final BackendHold hold;

	final Admission admission;

	/**
	 * The metric name of the acquisition that last took the backend's lock, for the
	 * event of its loss.
	 */
	volatile String metricName;

	/**
	 * Threads that reference this entry (holding or waiting). The table changes it from and
	 * to zero only under the lock of the entry's bin, and otherwise with compare-and-set.
	 */
	final AtomicInteger references = new AtomicInteger();

	LockEntry(BackendKey key, String name, BackendLock backend) {
		this.key = key;
		this.name = name;
		this.metricName = name;
		this.backend = backend;
		this.hold = new BackendHold(name, backend);
		this.admission = new Admission(name, this.hold);
	}

}
