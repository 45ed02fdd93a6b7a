package io.filelock.engine.file;

import java.nio.file.Path;

import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockStrategy;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.Sleeper;
import io.filelock.engine.Ticker;
import io.filelock.spi.LockManagerSettings;

/**
 * Managers over lock files as the tests of this package need them: with a strategy that
 * counts or fails, or a clock of their own.
 */
final class Managers {

	private Managers() {
	}

	static DefaultLockManager build(LockManagerBuilder builder) {
		return (DefaultLockManager) builder.build();
	}

	static DefaultLockManager build(LockManagerBuilder builder, LockFileStrategy strategy) {
		return build(builder, strategy, Ticker.SYSTEM, Sleeper.SYSTEM);
	}

	static DefaultLockManager build(LockManagerBuilder builder, Ticker ticker, Sleeper sleeper) {
		LockManagerSettings settings = builder.settings();
		return build(builder, LockFileStrategy.select(settings.strategy()), ticker, sleeper);
	}

	static DefaultLockManager build(LockManagerBuilder builder, LockFileStrategy strategy, Ticker ticker,
			Sleeper sleeper) {
		LockManagerSettings settings = builder.settings();
		return new DefaultLockManager(settings,
				new FileBackend(settings.directory(), strategy, settings.applicationName(), settings.kernelWait()),
				ticker, sleeper);
	}

	/**
	 * Locks the manager keeps an entry for: those held or waited for.
	 */
	static int registeredEntries(LockManager manager) {
		return ((DefaultLockManager) manager).snapshot().size();
	}

	static LockStrategy strategyOf(DefaultLockManager manager) {
		return LockStrategy.valueOf(manager.backendStatus().details().get("strategy"));
	}

	static Path pathOf(DefaultLockManager manager, String name) {
		return manager.resource(name).file();
	}

}
