package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.LockStrategy;

/**
 * BSD {@code flock(2)} locks through {@link LibC#POSIX}: they belong to the open file
 * description, so they exclude {@code flock(1)} and other processes, and the kernel drops
 * them when the process dies.
 */
final class FlockStrategy implements LockFileStrategy {

	/**
	 * The backend creates lock files with the configured permissions before they are
	 * opened ({@link LockDirectories}); the open creates one only when it vanished in
	 * between, and then with the most restrictive permissions a lock file gets.
	 */
	private static final int CREATE_MODE = 0600;

	private final Posix posix = LibC.POSIX;

	@Override
	public LockStrategy kind() {
		return LockStrategy.FLOCK;
	}

	@Override
	public boolean waitsInKernel() {
		return KernelWait.AVAILABLE;
	}

	@Override
	public OpenLockFile open(Path path, boolean managed) {
		String file = path.toString();
		int flags = LibC.O_CREAT | LibC.O_NOFOLLOW | LibC.O_CLOEXEC;
		int fd;
		try {
			fd = openRetryingOnInterrupt(file, flags | LibC.O_RDWR);
		}
		catch (ErrnoException ex) {
			if (managed || (ex.errno() != LibC.EACCES && ex.errno() != LibC.EROFS)) {
				throw failure("open", path, ex);
			}
			// flock(2) needs no write access: an existing file that we may only read can still be locked.
			try {
				fd = openRetryingOnInterrupt(file, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
			}
			catch (ErrnoException retry) {
				throw failure("open", path, retry);
			}
		}
		try {
			return new FlockFile(this.posix, path, fd, PathStat.idOf(fd));
		}
		catch (IOException ex) {
			closeQuietly(this.posix, fd);
			throw new LockException("Cannot read lock file " + path + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public byte[] read(Path path, int max) throws IOException {
		int fd;
		try {
			fd = openRetryingOnInterrupt(path.toString(), LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
		}
		catch (ErrnoException ex) {
			if (ex.errno() == LibC.ENOENT) {
				throw new NoSuchFileException(path.toString());
			}
			throw ex;
		}
		try {
			byte[] buffer = new byte[max];
			long read = this.posix.pread(fd, buffer, max, 0);
			return Arrays.copyOf(buffer, (int) Math.max(read, 0));
		}
		finally {
			// another descriptor of the file: closing it never drops a flock(2) lock of this JVM's own
			closeQuietly(this.posix, fd);
		}
	}

	private int openRetryingOnInterrupt(String file, int flags) throws ErrnoException {
		while (true) {
			try {
				return this.posix.open(file, flags, CREATE_MODE);
			}
			catch (ErrnoException ex) {
				if (ex.errno() != LibC.EINTR) {
					throw ex;
				}
			}
		}
	}

	static LockException failure(String operation, Path path, ErrnoException ex) {
		return new OpenFailedException("Cannot " + operation + " lock file " + path + ": " + ex.getMessage(),
				ex.errno() == LibC.ENOENT, ex);
	}

	static LockException failure(String operation, Path path, int errno) {
		return failure(operation, path, new ErrnoException(errno));
	}

	/**
	 * {@code close(2)} releases the descriptor even when it reports an error: nothing is
	 * left to undo.
	 */
	static void closeQuietly(Posix posix, int fd) {
		try {
			posix.close(fd);
		}
		catch (ErrnoException ex) {
			// released all the same
		}
	}

	private static final class FlockFile implements OpenLockFile {

		private final Posix posix;

		private final Path path;

		private int fd;

		private final FileId identity;

		FlockFile(Posix posix, Path path, int fd, FileId identity) {
			this.posix = posix;
			this.path = path;
			this.fd = fd;
			this.identity = identity;
		}

		@Override
		public FileId identity() {
			return this.identity;
		}

		/**
		 * Not for virtual threads: a thread blocked in {@code flock(2)} would pin its
		 * carrier.
		 */
		@Override
		public boolean canWait() {
			return KernelWait.usableByCurrentThread();
		}

		@Override
		public boolean tryLock(LockMode mode) {
			int operation = ((mode == LockMode.SHARED) ? LibC.LOCK_SH : LibC.LOCK_EX) | LibC.LOCK_NB;
			while (true) {
				int errno = this.posix.flock(this.fd, operation);
				if (errno == 0) {
					return true;
				}
				if (errno == LibC.EWOULDBLOCK) {
					return false;
				}
				if (errno != LibC.EINTR) {
					throw failure("lock", this.path, errno);
				}
			}
		}

		@Override
		public boolean lockWaiting(LockMode mode, long nanos) throws InterruptedException {
			try {
				return KernelWait.lock(this.fd, (mode == LockMode.SHARED) ? LibC.LOCK_SH : LibC.LOCK_EX, nanos);
			}
			catch (ErrnoException ex) {
				throw failure("lock", this.path, ex);
			}
		}

		@Override
		public void unlock() {
			int errno = this.posix.flock(this.fd, LibC.LOCK_UN);
			if (errno != 0) {
				throw failure("unlock", this.path, errno);
			}
		}

		@Override
		public void writeRecord(byte[] record, long size) throws IOException {
			long written = this.posix.pwrite(this.fd, record, record.length, 0);
			if (written != record.length) {
				throw new IOException("short write: " + written + " of " + record.length + " bytes");
			}
			if (size > record.length) {
				this.posix.ftruncate(this.fd, record.length);
			}
		}

		@Override
		public void close() {
			if (this.fd >= 0) {
				int closing = this.fd;
				this.fd = -1;
				closeQuietly(this.posix, closing);
			}
		}

	}

}
