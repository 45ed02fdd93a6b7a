package io.filelock.engine.file;

/**
 * What the {@code FLOCK} strategy needs of the C library: the flags and error numbers of
 * this platform, and the calls, made through the {@link Posix} binding that
 * {@link NativeBinding} selected. Flags and error numbers differ by platform;
 * {@link #AVAILABLE} is false where they are not known or no binding could be made.
 * Nothing here names a JNA or FFM class, so that loading it loads neither.
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

	/** The binding of the calls, or null where {@link #AVAILABLE} is false. */
	static final Posix POSIX;

	static final boolean AVAILABLE;

	static final String UNAVAILABLE_REASON;

	static {
		if (OperatingSystem.MAC) {
			O_CREAT = 0x200;
			O_NOFOLLOW = 0x100;
			O_CLOEXEC = 0x1000000;
			EWOULDBLOCK = 35;
			ELOOP = 62;
			ENOLCK = 77;
		}
		else {
			O_CREAT = 0x40;
			O_NOFOLLOW = OperatingSystem.ARM ? 0x8000 : 0x20000;
			O_CLOEXEC = 0x80000;
			EWOULDBLOCK = 11;
			ELOOP = 40;
			ENOLCK = 37;
		}
		String reason = null;
		Posix posix = null;
		if (!OperatingSystem.LINUX && !OperatingSystem.MAC) {
			reason = "flock(2) is only bound on Linux and macOS, not on " + System.getProperty("os.name");
		}
		else if (OperatingSystem.LINUX && !(OperatingSystem.INTEL || OperatingSystem.ARM)) {
			reason = "open(2) flags are not known for architecture " + System.getProperty("os.arch");
		}
		else {
			NativeBinding binding = NativeBinding.SELECTED;
			posix = binding.posix();
			reason = binding.unavailableReason();
		}
		POSIX = posix;
		AVAILABLE = (posix != null);
		UNAVAILABLE_REASON = (reason != null) ? reason : "";
	}

	private LibC() {
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
