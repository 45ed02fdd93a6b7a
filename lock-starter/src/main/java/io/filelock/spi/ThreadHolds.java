package io.filelock.spi;

import java.util.HashMap;
import java.util.Map;

/**
 * The locks the current thread holds through any lock manager, by name, so that
 * {@link io.filelock.FileLockAssert} can check them. A {@link io.filelock.LockManager}
 * reports each hold that belongs to a thread, on that thread: {@link #acquired} when it
 * hands out the handle, {@link #released} when the handle is closed.
 */
public final class ThreadHolds {

	private static final ThreadLocal<Map<String, Integer>> holds = ThreadLocal.withInitial(HashMap::new);

	private ThreadHolds() {
	}

	public static void acquired(String name) {
		holds.get().merge(name, 1, Integer::sum);
	}

	public static void released(String name) {
		holds.get().computeIfPresent(name, (held, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * Whether the current thread holds at least one lock.
	 */
	public static boolean holdsAny() {
		return !holds.get().isEmpty();
	}

	/**
	 * Whether the current thread holds the lock with the given name.
	 */
	public static boolean holds(String name) {
		return holds.get().containsKey(name);
	}

}
