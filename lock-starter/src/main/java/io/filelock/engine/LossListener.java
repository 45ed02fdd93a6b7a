package io.filelock.engine;

/**
 * Told by a {@link LockBackend} that a lock it held for the JVM is gone (its database
 * session ended): the lock no longer excludes anyone, while threads of the JVM may still
 * hold it. Called on a thread of the backend's, never under one of its locks.
 */
@FunctionalInterface
public interface LossListener {

	/**
	 * @param key the lost lock's key
	 * @param reason why it was lost, for the log: {@code the session ended: FATAL:
	 * terminating connection due to administrator command}
	 */
	void lost(BackendKey key, String reason);

}
