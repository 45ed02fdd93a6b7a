package io.filelock.integration;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import io.filelock.LockHandle;
import org.jspecify.annotations.Nullable;

/**
 * The handles each thread holds through a registry, by lock name, latest last: what
 * {@code unlock()} closes, whichever {@link RegistryLock} object of the name it is called
 * on. A thread's entry goes with its last handle.
 */
final class ThreadHandles {

	private final ThreadLocal<@Nullable Map<String, Deque<LockHandle>>> handles = new ThreadLocal<>();

	void push(String name, LockHandle handle) {
		Map<String, Deque<LockHandle>> byName = this.handles.get();
		if (byName == null) {
			byName = new HashMap<>();
			this.handles.set(byName);
		}
		byName.computeIfAbsent(name, (key) -> new ArrayDeque<>()).addLast(handle);
	}

	/**
	 * The calling thread's latest handle of the lock, now forgotten; null if it holds
	 * none.
	 */
	@Nullable LockHandle pop(String name) {
		Map<String, Deque<LockHandle>> byName = this.handles.get();
		Deque<LockHandle> ofName = (byName != null) ? byName.get(name) : null;
		if (ofName == null) {
			return null;
		}
		LockHandle latest = ofName.removeLast();
		if (ofName.isEmpty()) {
			byName.remove(name);
			if (byName.isEmpty()) {
				this.handles.remove();
			}
		}
		return latest;
	}

}
