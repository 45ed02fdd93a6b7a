package io.filelock.engine;

import io.filelock.LockManager;
import io.filelock.engine.file.FileBackend;
import io.filelock.engine.postgres.PostgresBackend;
import io.filelock.spi.LockManagerProvider;
import io.filelock.spi.LockManagerSettings;

/**
 * Builds {@link DefaultLockManager}s for {@link io.filelock.LockManagerBuilder}, over the
 * backend the settings ask for.
 */
public final class DefaultLockManagerProvider implements LockManagerProvider {

	@Override
	public LockManager create(LockManagerSettings settings) {
		LockBackend backend = switch (settings.backend()) {
			case FILE -> FileBackend.of(settings);
			case LOCAL -> new LocalBackend();
			// loaded only here: an application that does not select it loads no class of it, nor the driver
			case POSTGRES -> PostgresBackend.of(settings);
		};
		return new DefaultLockManager(settings, backend, Ticker.SYSTEM, Sleeper.SYSTEM);
	}

}
