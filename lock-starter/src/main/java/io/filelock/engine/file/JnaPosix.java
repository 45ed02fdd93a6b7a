package io.filelock.engine.file;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls through JNA direct mapping ({@link Native#register}): the binding on
 * JDK 17 to 21, and wherever the FFM one cannot bind. JNA unpacks its own native library
 * into the temporary directory first (unless it finds one installed), so it fails where
 * that directory is mounted {@code noexec}.
 */
final class JnaPosix implements Posix {

	JnaPosix() {
		CLibrary.bind();
	}

	@Override
	public String name() {
		return NativeBinding.JNA;
	}

	@Override
	public int open(String path, int flags, int mode) throws ErrnoException {
		try {
			return CLibrary.open(path, flags, mode);
		}
		catch (LastErrorException ex) {
			throw new ErrnoException(ex.getErrorCode());
		}
	}

	@Override
	public int flock(int fd, int operation) {
		return (CLibrary.flock(fd, operation) == 0) ? 0 : Native.getLastError();
	}

	@Override
	public void close(int fd) throws ErrnoException {
		try {
			CLibrary.close(fd);
		}
		catch (LastErrorException ex) {
			throw new ErrnoException(ex.getErrorCode());
		}
	}

	@Override
	public void ftruncate(int fd, long length) throws ErrnoException {
		try {
			CLibrary.ftruncate(fd, length);
		}
		catch (LastErrorException ex) {
			throw new ErrnoException(ex.getErrorCode());
		}
	}

	@Override
	public long pwrite(int fd, byte[] buffer, int count, long offset) throws ErrnoException {
		try {
			return CLibrary.pwrite(fd, buffer, checkedCount(buffer, count), offset);
		}
		catch (LastErrorException ex) {
			throw new ErrnoException(ex.getErrorCode());
		}
	}

	@Override
	public long pread(int fd, byte[] buffer, int count, long offset) throws ErrnoException {
		try {
			return CLibrary.pread(fd, buffer, checkedCount(buffer, count), offset);
		}
		catch (LastErrorException ex) {
			throw new ErrnoException(ex.getErrorCode());
		}
	}

	@Override
	public int effectiveUid() {
		return CLibrary.geteuid();
	}

	@Override
	public long statfsFirstWord(String path) throws ErrnoException {
		long[] buffer = new long[STATFS_SIZE / Long.BYTES];
		try {
			CLibrary.statfs(path, buffer);
		}
		catch (LastErrorException ex) {
			throw new ErrnoException(ex.getErrorCode());
		}
		return buffer[0];
	}

	@Override
	public boolean hasStatx() {
		return StatxCall.BOUND;
	}

	@Override
	public Statx statx(int directory, String path, int flags, int mask) {
		if (!StatxCall.BOUND) {
			throw new IllegalStateException("statx(2) is not bound here");
		}
		return new StatxCall(directory, path, flags, mask);
	}

	@Override
	public Signals signals() {
		return new JnaSignals();
	}

	private static long checkedCount(byte[] buffer, int count) {
		if (count < 0 || count > buffer.length) {
			throw new IndexOutOfBoundsException("count " + count + " of a buffer of " + buffer.length + " bytes");
		}
		return count;
	}

	/**
	 * The natives, registered once.
	 */
	static final class CLibrary {

		static {
			Native.register(CLibrary.class, Platform.C_LIBRARY_NAME);
		}

		private CLibrary() {
		}

		static void bind() {
			// the static initializer registers the natives
		}

		static native int open(String path, int flags, int mode) throws LastErrorException;

		/** Without {@link LastErrorException}: the error is read with {@link Native#getLastError()}. */
		static native int flock(int fd, int operation);

		static native int close(int fd) throws LastErrorException;

		static native int ftruncate(int fd, long length) throws LastErrorException;

		static native long pwrite(int fd, byte[] buffer, long count, long offset) throws LastErrorException;

		static native long pread(int fd, byte[] buffer, long count, long offset) throws LastErrorException;

		static native int geteuid();

		static native int statfs(String path, long[] buffer) throws LastErrorException;

	}

	/**
	 * {@code statx(2)} with the path as JNA passes a {@code String}, encoded once rather
	 * than on every call, and a buffer of its own.
	 */
	static final class StatxCall implements Statx {

		static final boolean BOUND = bind();

		private final int directory;

		private final byte[] path;

		private final int flags;

		private final int mask;

		private final long[] buffer = new long[Statx.SIZE / Long.BYTES];

		StatxCall(int directory, String path, int flags, int mask) {
			this.directory = directory;
			this.path = Native.toByteArray(path);
			this.flags = flags;
			this.mask = mask;
		}

		private static boolean bind() {
			if (!Platform.isLinux()) {
				return false;
			}
			try {
				Native.register(StatxCall.class, Platform.C_LIBRARY_NAME);
				return true;
			}
			catch (LinkageError ex) {
				// glibc before 2.28 has no statx wrapper
				return false;
			}
		}

		@Override
		public int read() {
			try {
				statx(this.directory, this.path, this.flags, this.mask, this.buffer);
				return 0;
			}
			catch (LastErrorException ex) {
				return ex.getErrorCode();
			}
		}

		@Override
		public long device() {
			return this.buffer[Statx.DEVICE_OFFSET / Long.BYTES];
		}

		@Override
		public long inode() {
			return this.buffer[Statx.INODE_OFFSET / Long.BYTES];
		}

		@Override
		public long size() {
			return this.buffer[Statx.SIZE_OFFSET / Long.BYTES];
		}

		static native int statx(int directory, byte[] path, int flags, int mask, long[] buffer)
				throws LastErrorException;

	}

}
