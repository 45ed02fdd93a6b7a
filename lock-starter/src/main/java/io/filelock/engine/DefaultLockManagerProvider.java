package io.filelock.engine;

import io.filelock.LockManager;
import io.filelock.engine.file.FileBackend;
import io.filelock.spi.LockManagerProvider;
import io.filelock.spi.LockManagerSettings;

/**
 * Builds {@link DefaultLockManager}s for {@link io.filelock.LockManagerBuilder}, over lock
 * files.
 */
public final class DefaultLockManagerProvider implements LockManagerProvider {

	@Override
	public LockManager create(LockManagerSettings settings) {
		return new DefaultLockManager(settings, FileBackend.of(settings), Ticker.SYSTEM, Sleeper.SYSTEM);
	}

}
