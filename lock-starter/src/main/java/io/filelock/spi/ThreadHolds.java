package io.filelock.spi;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The locks each thread holds through any lock manager, by name, so that
 * {@link io.filelock.FileLockAssert} can check them. A {@link io.filelock.LockManager}
 * reports each hold that belongs to a thread: {@link #acquired} when it hands out the
 * handle, {@link #released} when the handle is closed, on whichever thread closes it.
 * A thread that ends with a lock it never released does not stay reachable from here.
 */
public final class ThreadHolds {

	private static final Map<Thread, Map<String, Integer>> holds = Collections.synchronizedMap(new WeakHashMap<>());

	private ThreadHolds() {
	}

	/**
	 * Records that the given thread took the lock with the given name once more.
	 * @param holder the thread the hold belongs to
	 * @param name the lock's name
	 */
	public static void acquired(Thread holder, String name) {
		holds.compute(holder, (thread, names) -> {
			Map<String, Integer> held = (names != null) ? names : new HashMap<>();
			held.merge(name, 1, Integer::sum);
			return held;
		});
	}

	/**
	 * Records that the given thread gave up one hold of the lock with the given name.
	 * @param holder the thread the hold belonged to
	 * @param name the lock's name
	 */
	public static void released(Thread holder, String name) {
		holds.computeIfPresent(holder, (thread, names) -> {
			names.computeIfPresent(name, (held, count) -> (count > 1) ? count - 1 : null);
			return names.isEmpty() ? null : names;
		});
	}

	/**
	 * Whether the current thread holds at least one lock.
	 * @return true if it holds one
	 */
	public static boolean holdsAny() {
		return holds.containsKey(Thread.currentThread());
	}

	/**
	 * Whether the current thread holds the lock with the given name.
	 * @param name the lock's name
	 * @return true if it holds that lock
	 */
	public static boolean holds(String name) {
		synchronized (holds) {
			Map<String, Integer> names = holds.get(Thread.currentThread());
			return names != null && names.containsKey(name);
		}
	}

}
