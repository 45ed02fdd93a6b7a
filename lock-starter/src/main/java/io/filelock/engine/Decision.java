package io.filelock.engine;

/**
 * What {@link Admission#enter} decided for a thread that asks for a lock.
 */
enum Decision {

	/** The calling thread holds the lock now (entering again, or joining shared holders). */
	HELD,
	/**
	 * The calling thread holds the lock now, with the backend's lock that the last
	 * holder kept for the threads of the JVM: the JVM has a new holder.
	 */
	HANDED_OVER,
	/** The calling thread must take the backend's lock: {@link Admission#acquired} when it has. */
	ACQUIRE,
	/** Other threads of this JVM keep it and the time is up. */
	TIMED_OUT

}
