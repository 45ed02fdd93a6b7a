package io.filelock.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The JVM's lock entries by key. An entry lives while a thread holds or waits for it;
 * then it joins a small cache of idle entries whose backend locks stay open, so that a
 * lock taken again soon costs no {@code open(2)}/{@code close(2)}. The cache keeps at most
 * {@link #IDLE_CAPACITY} entries, the least recently used is closed and forgotten first,
 * so memory and descriptors do not grow with the number of names ever used.
 */
final class LockTable {

	/**
	 * How many idle entries stay open at most.
	 */
	static final int IDLE_CAPACITY = 4;

	private final ConcurrentHashMap<BackendKey, LockEntry> entries = new ConcurrentHashMap<>();

	/** Idle entries, least recently used first; guarded by itself, never taken before a bin of entries. */
	private final LinkedHashMap<BackendKey, LockEntry> idle = new LinkedHashMap<>();

	private final int idleCapacity;

	LockTable() {
		this(IDLE_CAPACITY);
	}

	LockTable(int idleCapacity) {
		this.idleCapacity = idleCapacity;
	}

	/**
	 * The entry of {@code key}, created by {@code create} if there is none, with one more
	 * reference: {@link #release} it when done.
	 */
	LockEntry retain(BackendKey key, Function<BackendKey, LockEntry> create) {
		// An entry that threads reference already is joined without the bin's lock, which the threads of a
		// busy lock would otherwise queue for; only a referenced entry can be joined so.
		LockEntry busy = this.entries.get(key);
		if (busy != null && increment(busy.references)) {
			return busy;
		}
		return this.entries.compute(key, (k, entry) -> {
			LockEntry retained = (entry != null) ? entry : create.apply(k);
			if (retained.references.getAndIncrement() == 0 && entry != null) {
				synchronized (this.idle) {
					this.idle.remove(k);
				}
			}
			return retained;
		});
	}

	void release(LockEntry entry) {
		if (decrement(entry.references)) {
			return;
		}
		this.entries.compute(entry.key, (key, current) -> {
			if (current != entry || entry.references.decrementAndGet() > 0) {
				return current;
			}
			if (this.idleCapacity == 0) {
				entry.backend.close();
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
	 * Closes every idle entry, so that nothing of this table keeps a file (or its file
	 * system) open.
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
			this.entries.compute(victim.key, (key, current) -> {
				if (current != victim || victim.references.get() > 0) {
					return current;
				}
				synchronized (this.idle) {
					this.idle.remove(key, victim);
				}
				victim.backend.close();
				return null;
			});
		}
	}

	/**
	 * The entry of {@code key} if a thread holds or waits for it, else null.
	 */
	@Nullable LockEntry find(BackendKey key) {
		LockEntry entry = this.entries.get(key);
		return (entry != null && entry.references.get() > 0) ? entry : null;
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
