package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Path;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.LockStrategy;

/**
 * Both kinds of lock on one file: {@code flock(2)} first, then a POSIX lock, released in
 * the reverse order, so that the file excludes the users of either kind. Every holder of
 * this strategy takes them in the same order, so two of them never hold one each and wait
 * for the other. A program that takes them in the other order could: none known does (the
 * lock libraries use one kind each).
 */
final class BothStrategy implements LockFileStrategy {

	private static final int OPEN_ATTEMPTS = 10;

	private final LockFileStrategy flock;

	private final LockFileStrategy posix;

	BothStrategy(LockFileStrategy flock, LockFileStrategy posix) {
		this.flock = flock;
		this.posix = posix;
	}

	@Override
	public LockStrategy kind() {
		return LockStrategy.BOTH;
	}

	@Override
	public boolean waitsInKernel() {
		return this.flock.waitsInKernel();
	}

	@Override
	public OpenLockFile open(Path path, boolean managed) {
		for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
			OpenLockFile first = this.flock.open(path, managed);
			OpenLockFile second = this.posix.open(path, managed);
			if (first.identity().sameAs(second.identity())) {
				return new BothFile(first, second);
			}
			// replaced between the two opens: each would lock another file
			second.close();
			first.close();
		}
		throw new LockException("Cannot open lock file " + path + ": the file keeps being replaced");
	}

	@Override
	public byte[] read(Path path, int max) throws IOException {
		return this.flock.read(path, max);
	}

	/**
	 * One lock file, open for both kinds of lock.
	 */
	private record BothFile(OpenLockFile flock, OpenLockFile posix) implements OpenLockFile {

		@Override
		public FileId identity() {
			return this.flock.identity();
		}

		@Override
		public boolean tryLock(LockMode mode) {
			if (!this.flock.tryLock(mode)) {
				return false;
			}
			boolean locked = false;
			try {
				locked = this.posix.tryLock(mode);
				return locked;
			}
			finally {
				if (!locked) {
					this.flock.unlock();
				}
			}
		}

		@Override
		public boolean canWait() {
			return this.flock.canWait();
		}

		/**
		 * Waits in the kernel for the {@code flock(2)} lock, then for the POSIX lock (held
		 * by a program that takes only that kind) with what is left of the time; lets the
		 * {@code flock(2)} lock go if the POSIX one cannot be had.
		 */
		@Override
		public boolean lockWaiting(LockMode mode, long nanos) throws InterruptedException {
			long deadline = System.nanoTime() + nanos;
			if (!this.flock.lockWaiting(mode, nanos)) {
				return false;
			}
			boolean locked = false;
			try {
				locked = this.posix.tryLock(mode);
				long left = deadline - System.nanoTime();
				if (!locked && left > 0 && this.posix.canWait()) {
					locked = this.posix.lockWaiting(mode, left);
				}
				return locked;
			}
			finally {
				if (!locked) {
					this.flock.unlock();
				}
			}
		}

		@Override
		public boolean isOpen() {
			return this.flock.isOpen() && this.posix.isOpen();
		}

		@Override
		public void unlock() {
			try {
				this.posix.unlock();
			}
			finally {
				this.flock.unlock();
			}
		}

		@Override
		public void writeRecord(byte[] record, long size) throws IOException {
			this.flock.writeRecord(record, size);
		}

		@Override
		public void close() {
			this.posix.close();
			this.flock.close();
		}

	}

}
