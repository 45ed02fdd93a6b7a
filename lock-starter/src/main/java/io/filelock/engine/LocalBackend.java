package io.filelock.engine;

import java.util.Map;
import java.util.Optional;

import io.filelock.LockMode;
import io.filelock.LockPolicy;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockResource;

/**
 * No lock outside the JVM: locks exclude the threads of this JVM only, through their
 * {@link Admission}. For an application that switched file locks off, so that the beans
 * that use a {@link io.filelock.LockManager} still work, and still exclude each other's
 * threads.
 */
public final class LocalBackend implements LockBackend {

	@Override
	public BackendKey keyOf(String name, LockPolicy policy) {
		return new LocalKey(name);
	}

	@Override
	public BackendLock open(BackendKey key) {
		return Nothing.LOCK;
	}

	@Override
	public Optional<LockHolders> holders(BackendKey key) {
		return Optional.empty();
	}

	@Override
	public LockBackendStatus status() {
		return new LockBackendStatus("local", "this JVM", Map.of(), null);
	}

	private record LocalKey(String name) implements BackendKey {

		@Override
		public LockResource resource() {
			return new LockResource("lock '" + this.name + "' of this JVM", null);
		}

	}

	/**
	 * A lock outside the JVM that is always free.
	 */
	private enum Nothing implements BackendLock {

		LOCK;

		@Override
		public boolean tryLock(LockMode mode) {
			return true;
		}

		@Override
		public boolean canAwait() {
			return false;
		}

		@Override
		public boolean awaitLock(LockMode mode, long nanos) {
			return true;
		}

		@Override
		public void unlock() {
		}

		@Override
		public boolean othersWaiting(long pid) {
			return false;
		}

		@Override
		public void close() {
		}

	}

}
