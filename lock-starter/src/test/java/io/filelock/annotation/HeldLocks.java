package io.filelock.annotation;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.filelock.LockMode;
import io.filelock.engine.DefaultLockManager;

/**
 * What a locked method can see of its locks.
 */
final class HeldLocks {

	private HeldLocks() {
	}

	/**
	 * The locks the current thread holds, as {@code name:MODE}.
	 */
	static List<String> ofCurrentThread(DefaultLockManager manager) {
		String thread = Thread.currentThread().getName();
		return manager.snapshot()
			.stream()
			.flatMap((lock) -> lock.holders()
				.stream()
				.filter((holder) -> holder.thread().equals(thread))
				.map((holder) -> lock.name() + ":" + holder.mode()))
			.sorted()
			.toList();
	}

	/**
	 * Whether another thread could take the lock now.
	 */
	static boolean availableToAnotherThread(DefaultLockManager manager, String name, LockMode mode) {
		try {
			return CompletableFuture.supplyAsync(() -> manager.tryAcquire(name, mode).map((handle) -> {
				handle.close();
				return true;
			}).orElse(false)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
