package io.filelock.engine.provider;

import io.filelock.LockManager;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.LocalBackend;
import io.filelock.engine.LockBackend;
import io.filelock.engine.Sleeper;
import io.filelock.engine.Ticker;
import io.filelock.engine.file.FileBackend;
import io.filelock.engine.postgres.PostgresBackend;
import io.filelock.spi.LockManagerProvider;
import io.filelock.spi.LockManagerSettings;

/**
 * Builds {@link DefaultLockManager}s for {@link io.filelock.LockManagerBuilder}, over the
 * backend the settings ask for. The one place that knows every backend: the
 * coordination in {@code io.filelock.engine} knows none of them, only
 * {@link LockBackend}.
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
