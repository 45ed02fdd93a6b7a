package io.filelock.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's lock entries by file. An entry lives while a thread holds or waits for it,
 * then its file is closed and it is forgotten, so memory and descriptors do not grow with
 * the number of names ever used.
 */
final class LockRegistry {

	private final ConcurrentHashMap<Path, LockEntry> entries = new ConcurrentHashMap<>();

	LockEntry retain(Path path, boolean managed, String name) {
		return this.entries.compute(path, (key, entry) -> {
			LockEntry retained = (entry != null) ? entry : new LockEntry(key, managed, name);
			retained.references++;
			return retained;
		});
	}

	void release(LockEntry entry) {
		this.entries.compute(entry.path, (key, current) -> {
			if (current != entry) {
				return current;
			}
			if (--entry.references > 0) {
				return entry;
			}
			entry.close();
			return null;
		});
	}

	List<LockEntry> entries() {
		return new ArrayList<>(this.entries.values());
	}

	int size() {
		return this.entries.size();
	}

}
