package io.filelock.benchmarks;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The baselines' own binding of {@code flock(2)} and of the other calls a baseline makes
 * ({@code statx(2)}, {@code pwrite(2)}): the same JNA direct mapping as the engine's, with
 * the same argument types, so that baseline and library pay the same price per native
 * call.
 */
final class NativeFlock {

	static final int LOCK_SH = 1;

	static final int LOCK_EX = 2;

	static final int LOCK_NB = 4;

	static final int LOCK_UN = 8;

	static final int O_RDWR = 2;

	static final int O_CREAT = 0x40;

	static final int O_CLOEXEC = 0x80000;

	static final int EWOULDBLOCK = 11;

	static final int EINTR = 4;

	static final int AT_FDCWD = -100;

	static final int AT_SYMLINK_NOFOLLOW = 0x100;

	static final int STATX_INO = 0x100;

	/** {@code struct statx} is 256 bytes. */
	static final int STATX_LONGS = 32;

	static {
		if (!Platform.isLinux()) {
			throw new IllegalStateException("The benchmarks' flock baseline is bound for Linux only");
		}
		Native.register(NativeFlock.class, Platform.C_LIBRARY_NAME);
	}

	private NativeFlock() {
	}

	static native int open(String path, int flags, int mode) throws LastErrorException;

	static native int flock(int fd, int operation) throws LastErrorException;

	static native int close(int fd) throws LastErrorException;

	/**
	 * As the engine reads a file's identity: {@code path} NUL-terminated and encoded once
	 * ({@link Native#toByteArray(String)}), {@code buffer} of {@link #STATX_LONGS}.
	 */
	static native int statx(int directory, byte[] path, int flags, int mask, long[] buffer)
			throws LastErrorException;

	static native long pwrite(int fd, byte[] buffer, long count, long offset) throws LastErrorException;

	static int openLockFile(String path) {
		return open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	}

	/**
	 * Blocking lock, retried when a signal interrupts it.
	 */
	static void lock(int fd, int operation) {
		while (true) {
			try {
				flock(fd, operation);
				return;
			}
			catch (LastErrorException ex) {
				if (ex.getErrorCode() != EINTR) {
					throw ex;
				}
			}
		}
	}

	/**
	 * One non-blocking attempt.
	 */
	static boolean tryLock(int fd, int operation) {
		try {
			flock(fd, operation | LOCK_NB);
			return true;
		}
		catch (LastErrorException ex) {
			if (ex.getErrorCode() == EWOULDBLOCK || ex.getErrorCode() == EINTR) {
				return false;
			}
			throw ex;
		}
	}

}
