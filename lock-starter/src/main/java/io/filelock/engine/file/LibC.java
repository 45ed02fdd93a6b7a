package io.filelock.engine.file;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few libc calls the {@code FLOCK} strategy needs, bound by JNA direct mapping. Flags
 * and error numbers differ by platform; {@link #AVAILABLE} is false where they are not
 * known or the library cannot be loaded.
 */
final class LibC {

	static final int LOCK_SH = 1;

	static final int LOCK_EX = 2;

	static final int LOCK_NB = 4;

	static final int LOCK_UN = 8;

	static final int O_RDONLY = 0;

	static final int O_RDWR = 2;

	static final int O_CREAT;

	static final int O_NOFOLLOW;

	static final int O_CLOEXEC;

	static final int EINTR = 4;

	static final int ENOENT = 2;

	static final int EACCES = 13;

	static final int EROFS = 30;

	static final int ENOSYS = 38;

	static final int EWOULDBLOCK;

	static final int ELOOP;

	static final int ENOLCK;

	static final boolean AVAILABLE;

	static final String UNAVAILABLE_REASON;

	static {
		boolean linux = Platform.isLinux();
		boolean mac = Platform.isMac();
		boolean arm = Platform.isARM();
		if (mac) {
			O_CREAT = 0x200;
			O_NOFOLLOW = 0x100;
			O_CLOEXEC = 0x1000000;
			EWOULDBLOCK = 35;
			ELOOP = 62;
			ENOLCK = 77;
		}
		else {
			O_CREAT = 0x40;
			O_NOFOLLOW = arm ? 0x8000 : 0x20000;
			O_CLOEXEC = 0x80000;
			EWOULDBLOCK = 11;
			ELOOP = 40;
			ENOLCK = 37;
		}
		String reason = null;
		if (!linux && !mac) {
			reason = "flock(2) is only bound on Linux and macOS, not on " + System.getProperty("os.name");
		}
		else if (linux && !(Platform.isIntel() || arm)) {
			reason = "open(2) flags are not known for architecture " + System.getProperty("os.arch");
		}
		else {
			try {
				Native.register(LibC.class, Platform.C_LIBRARY_NAME);
			}
			catch (Throwable ex) {
				reason = "the C library could not be bound through JNA: " + ex;
			}
		}
		AVAILABLE = (reason == null);
		UNAVAILABLE_REASON = (reason != null) ? reason : "";
	}

	private LibC() {
	}

	static native int open(String path, int flags, int mode) throws LastErrorException;

	/**
	 * Returns -1 on failure, with the error in {@link #lastError()}: a lock that is busy is
	 * the common case, and a {@link LastErrorException} filling in its stack trace would
	 * cost more than the call itself.
	 */
	static native int flock(int fd, int operation);

	static native int close(int fd) throws LastErrorException;

	static native int ftruncate(int fd, long length) throws LastErrorException;

	static native long pwrite(int fd, byte[] buffer, long count, long offset) throws LastErrorException;

	static native long pread(int fd, byte[] buffer, long count, long offset) throws LastErrorException;

	/**
	 * For the lock directory's owner check ({@link NativeFacts}).
	 */
	static native int geteuid();

	/**
	 * For the check of the lock directory's filesystem ({@link NativeFacts}): fills
	 * {@code buffer} with a {@code struct statfs}.
	 */
	static native int statfs(String path, byte[] buffer) throws LastErrorException;

	/**
	 * The {@code errno} of this thread's last call that did not declare
	 * {@link LastErrorException} (JNA keeps it per thread).
	 */
	static int lastError() {
		return Native.getLastError();
	}

	static String describe(int errno) {
		return switch (errno) {
			case 1 -> "EPERM (operation not permitted)";
			case ENOENT -> "ENOENT (no such file or directory)";
			case EACCES -> "EACCES (permission denied)";
			case 21 -> "EISDIR (is a directory)";
			case 20 -> "ENOTDIR (a parent is not a directory)";
			case EROFS -> "EROFS (read-only file system)";
			case 28 -> "ENOSPC (no space left on device)";
			case 24 -> "EMFILE (too many open files)";
			case 36 -> "ENAMETOOLONG (file name too long)";
			default -> {
				if (errno == ELOOP) {
					yield "ELOOP (the lock file is a symbolic link, which is never followed)";
				}
				if (errno == ENOLCK) {
					yield "ENOLCK (no locks available)";
				}
				if (errno == EWOULDBLOCK) {
					yield "EWOULDBLOCK (held by someone else)";
				}
				yield "errno " + errno;
			}
		};
	}

}
