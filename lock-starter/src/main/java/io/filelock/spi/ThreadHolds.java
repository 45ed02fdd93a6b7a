package io.filelock.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which locks a thread holds, as the lock managers of this JVM tell, so that
 * {@link io.filelock.FileLockAssert} can check them. A manager registers itself once
 * ({@link #register}) and answers from the holds it keeps anyway, so that taking a lock
 * costs nothing here. Registration is weak: a manager nobody uses any more is forgotten.
 */
public final class ThreadHolds {

	private static final Set<Source> sources = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private ThreadHolds() {
	}

	/**
	 * A lock manager that can tell which locks a thread holds through it. A detached
	 * hold belongs to no thread.
	 */
	public interface Source {

		/**
		 * Whether the thread holds at least one lock of this manager.
		 * @param thread the thread
		 * @return true if it holds one
		 */
		boolean holdsAny(Thread thread);

		/**
		 * Whether the thread holds the named lock of this manager.
		 * @param thread the thread
		 * @param name the lock's name, as acquired
		 * @return true if it holds that lock
		 */
		boolean holds(Thread thread, String name);

	}

	/**
	 * Makes the manager's holds count for {@link #holdsAny()} and {@link #holds(String)}.
	 * @param source the manager
	 */
	public static void register(Source source) {
		sources.add(source);
	}

	/**
	 * Whether the current thread holds at least one lock.
	 * @return true if it holds one
	 */
	public static boolean holdsAny() {
		Thread thread = Thread.currentThread();
		return registered().stream().anyMatch((source) -> source.holdsAny(thread));
	}

	/**
	 * Whether the current thread holds the lock with the given name.
	 * @param name the lock's name
	 * @return true if it holds that lock
	 */
	public static boolean holds(String name) {
		Thread thread = Thread.currentThread();
		return registered().stream().anyMatch((source) -> source.holds(thread, name));
	}

	private static List<Source> registered() {
		synchronized (sources) {
			return new ArrayList<>(sources);
		}
	}

}
