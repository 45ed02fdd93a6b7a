package io.filelock.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the engine's helper threads: daemon threads, so that a lock
 * manager never keeps its JVM from exiting, with names that say what they do in a thread
 * dump.
 */
public final class DaemonThreads {

	private DaemonThreads() {
	}

	/**
	 * Daemon threads all named {@code name}: for pools of one thread.
	 */
	public static ThreadFactory named(String name) {
		return (task) -> daemon(task, name);
	}

	/**
	 * Daemon threads named {@code prefix-1}, {@code prefix-2} and so on.
	 */
	public static ThreadFactory numbered(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> daemon(task, prefix + "-" + count.incrementAndGet());
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
