package io.filelock.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's lock entries by file. An entry lives while a thread holds or waits for it;
 * then it joins a small cache of idle entries whose files stay open, so that a lock taken
 * again soon costs no {@code open(2)}/{@code close(2)}. The cache keeps at most
 * {@link #IDLE_CAPACITY} entries, the least recently used is closed and forgotten first,
 * so memory and descriptors do not grow with the number of names ever used.
 */
final class LockRegistry {

	/**
	 * How many idle lock files stay open at most.
	 */
	static final int IDLE_CAPACITY = 4;

	private final ConcurrentHashMap<Path, LockEntry> entries = new ConcurrentHashMap<>();

	/** Idle entries, least recently used first; guarded by itself, never taken before a bin of entries. */
	private final LinkedHashMap<Path, LockEntry> idle = new LinkedHashMap<>();

	private final int idleCapacity;

	LockRegistry() {
		this(IDLE_CAPACITY);
	}

	LockRegistry(int idleCapacity) {
		this.idleCapacity = idleCapacity;
	}

	LockEntry retain(Path path, boolean managed, String name) {
		// An entry that threads reference already is joined without the bin's lock, which the threads of a
		// busy lock would otherwise queue for; only a referenced entry can be joined so.
		LockEntry busy = this.entries.get(path);
		if (busy != null && increment(busy.references)) {
			return busy;
		}
		return this.entries.compute(path, (key, entry) -> {
			LockEntry retained = (entry != null) ? entry : new LockEntry(key, managed, name);
			if (retained.references.getAndIncrement() == 0 && entry != null) {
				synchronized (this.idle) {
					this.idle.remove(key);
				}
			}
			return retained;
		});
	}

	void release(LockEntry entry) {
		if (decrement(entry.references)) {
			return;
		}
		this.entries.compute(entry.path, (key, current) -> {
			if (current != entry || entry.references.decrementAndGet() > 0) {
				return current;
			}
			if (this.idleCapacity == 0) {
				entry.close();
				return null;
			}
			synchronized (this.idle) {
				this.idle.put(key, entry);
			}
			return entry;
		});
		evictBeyond(this.idleCapacity);
	}

	/**
	 * Adds a reference unless there is none, for an entry that may go idle meanwhile.
	 */
	private static boolean increment(AtomicInteger references) {
		for (int count = references.get(); count > 0; count = references.get()) {
			if (references.compareAndSet(count, count + 1)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Drops a reference unless it is the last, which needs the bin's lock.
	 */
	private static boolean decrement(AtomicInteger references) {
		for (int count = references.get(); count > 1; count = references.get()) {
			if (references.compareAndSet(count, count - 1)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Closes the files of every idle entry, so that nothing of this registry keeps a file
	 * (or its file system) open.
	 */
	void closeIdle() {
		evictBeyond(0);
	}

	private void evictBeyond(int capacity) {
		List<LockEntry> victims = new ArrayList<>();
		synchronized (this.idle) {
			Iterator<LockEntry> eldest = this.idle.values().iterator();
			while (this.idle.size() > capacity && eldest.hasNext()) {
				victims.add(eldest.next());
				eldest.remove();
			}
		}
		// Closed outside the idle monitor: compute() takes a bin of entries, which retain() holds while it
		// takes the monitor. An entry retained again meanwhile has references and stays.
		for (LockEntry victim : victims) {
			this.entries.compute(victim.path, (key, current) -> {
				if (current != victim || victim.references.get() > 0) {
					return current;
				}
				synchronized (this.idle) {
					this.idle.remove(key, victim);
				}
				victim.close();
				return null;
			});
		}
	}

	/**
	 * Entries that a thread holds or waits for (idle cached ones not included).
	 */
	List<LockEntry> entries() {
		return this.entries.values().stream().filter((entry) -> entry.references.get() > 0).toList();
	}

	/**
	 * Entries that a thread holds or waits for (idle cached ones not counted).
	 */
	int size() {
		synchronized (this.idle) {
			return this.entries.size() - this.idle.size();
		}
	}

}
