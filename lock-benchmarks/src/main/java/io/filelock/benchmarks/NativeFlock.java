package io.filelock.benchmarks;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The baseline's own binding of {@code flock(2)}: the same JNA direct mapping as the
 * engine's, so that baseline and library pay the same price per native call.
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
