package io.filelock.spi;

import io.filelock.LockManager;

/**
 * Creates the {@link LockManager} that {@link io.filelock.LockManagerBuilder#build()}
 * returns; found with {@link java.util.ServiceLoader}, so that the public API does not
 * depend on the locking engine.
 */
public interface LockManagerProvider {

	/**
	 * Creates a manager.
	 * @param settings what the builder was told
	 * @return a new manager
	 */
	LockManager create(LockManagerSettings settings);

}
