package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.LockStrategy;

/**
 * A real strategy with faults forced at chosen points, so that races and failures that a
 * real system shows rarely happen every time: another program replacing the lock file
 * right after it was opened, an open(2) that hangs (a dead NFS server), an unlock that
 * fails.
 */
final class FaultyStrategy implements LockFileStrategy {

	private final LockFileStrategy delegate;

	/** How many more opens are followed at once by another program replacing the file. */
	final AtomicInteger replacementsAfterOpen = new AtomicInteger();

	/** How many more unlocks fail (after really unlocking nothing). */
	final AtomicInteger unlockFailures = new AtomicInteger();

	/** While set, an open(2) waits for it: counted down, the open goes on. */
	volatile CountDownLatch openHangsUntil;

	/** Counted down when an open starts to hang. */
	final CountDownLatch openHanging = new CountDownLatch(1);

	FaultyStrategy(LockFileStrategy delegate) {
		this.delegate = delegate;
	}

	@Override
	public LockStrategy kind() {
		return this.delegate.kind();
	}

	@Override
	public boolean waitsInKernel() {
		return this.delegate.waitsInKernel();
	}

	@Override
	public byte[] read(Path path, int max) throws IOException {
		return this.delegate.read(path, max);
	}

	@Override
	public OpenLockFile open(Path path, boolean managed) {
		hangIfAsked();
		OpenLockFile file = this.delegate.open(path, managed);
		if (this.replacementsAfterOpen.getAndUpdate((n) -> Math.max(n - 1, 0)) > 0) {
			replace(path);
		}
		return new OpenLockFile() {

			@Override
			public FileId identity() {
				return file.identity();
			}

			@Override
			public boolean canWait() {
				return file.canWait();
			}

			@Override
			public boolean tryLock(LockMode mode) {
				return file.tryLock(mode);
			}

			@Override
			public boolean lockWaiting(LockMode mode, long nanos) throws InterruptedException {
				return file.lockWaiting(mode, nanos);
			}

			@Override
			public boolean isOpen() {
				return file.isOpen();
			}

			@Override
			public void unlock() {
				if (FaultyStrategy.this.unlockFailures.getAndUpdate((n) -> Math.max(n - 1, 0)) > 0) {
					// as a failed flock(LOCK_UN) or fcntl(F_UNLCK) does: the lock stays
					throw new LockException("Cannot unlock lock file " + path + ": EIO (forced by the test)");
				}
				file.unlock();
			}

			@Override
			public void writeRecord(byte[] record, long size) throws IOException {
				file.writeRecord(record, size);
			}

			@Override
			public void close() {
				file.close();
			}

		};
	}

	private void hangIfAsked() {
		CountDownLatch until = this.openHangsUntil;
		if (until != null) {
			this.openHanging.countDown();
			try {
				until.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * What another program does that deletes the lock file and creates a new one at the
	 * same path (rm; touch).
	 */
	private static void replace(Path path) {
		try {
			java.nio.file.Files.delete(path);
			java.nio.file.Files.createFile(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not replace " + path, ex);
		}
	}

}
