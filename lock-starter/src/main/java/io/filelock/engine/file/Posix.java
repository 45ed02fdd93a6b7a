package io.filelock.engine.file;

/**
 * The C library calls of the {@code FLOCK} strategy, behind one seam so that they can be
 * made through the JDK's Foreign Function &amp; Memory API on JDK 22 and later, or through
 * JNA before (see {@link NativeBinding}). Flags and error numbers are {@link LibC}'s.
 * <p>
 * Implementations are thread-safe; the objects they hand out ({@link Statx}) are not.
 */
interface Posix {

	/**
	 * What the binding is, for logs and the backend's status: {@code "ffm"} or
	 * {@code "jna"}.
	 */
	String name();

	/**
	 * {@code open(2)}; the caller retries on {@code EINTR}.
	 * @return the descriptor
	 */
	int open(String path, int flags, int mode) throws ErrnoException;

	/**
	 * {@code flock(2)}, which fails often (a busy lock): it reports its error as a value
	 * rather than an exception, whose stack trace would cost more than the call.
	 * @return 0, or the {@code errno} of the failure
	 */
	int flock(int fd, int operation);

	void close(int fd) throws ErrnoException;

	void ftruncate(int fd, long length) throws ErrnoException;

	/**
	 * {@code pwrite(2)} of the first {@code count} bytes of {@code buffer}.
	 * @return the number of bytes written
	 */
	long pwrite(int fd, byte[] buffer, int count, long offset) throws ErrnoException;

	/**
	 * {@code pread(2)} into the first {@code count} bytes of {@code buffer}.
	 * @return the number of bytes read
	 */
	long pread(int fd, byte[] buffer, int count, long offset) throws ErrnoException;

	/**
	 * {@code geteuid(2)}: the effective user id, which owns the files this process
	 * creates.
	 * @return the user id
	 */
	int effectiveUid();

	/**
	 * {@code statfs(2)} into a buffer of {@link #STATFS_SIZE} bytes, whose first word on
	 * Linux is {@code f_type}, the file system's magic number.
	 * @return the first word of {@code struct statfs}
	 */
	long statfsFirstWord(String path) throws ErrnoException;

	/** {@code struct statfs} is 120 bytes on 64-bit Linux; buffers leave room. */
	int STATFS_SIZE = 256;

	/**
	 * Whether {@link #statx} is bound: not where the C library has no {@code statx}
	 * (glibc before 2.28, systems other than Linux).
	 */
	boolean hasStatx();

	/**
	 * A {@code statx(2)} call with its arguments fixed, to be repeated; only where
	 * {@link #hasStatx()}.
	 */
	Statx statx(int directory, String path, int flags, int mask);

	/**
	 * Binds the calls of the kernel wait ({@link KernelWait}), apart from the others, so
	 * that a C library without them only costs the kernel wait.
	 * @throws LinkageError or another unchecked exception if they cannot be bound
	 */
	Signals signals();

	/**
	 * One {@code statx(2)} call and the buffer it fills, reused rather than allocated per
	 * call. Not thread-safe.
	 */
	interface Statx {

		/** {@code struct statx} is 256 bytes. */
		int SIZE = 256;

		/** Offsets in {@code struct statx}: {@code stx_ino}, {@code stx_size}, and {@code stx_dev_major} followed by {@code stx_dev_minor}. */
		int INODE_OFFSET = 32;

		int SIZE_OFFSET = 40;

		int DEVICE_OFFSET = 136;

		/**
		 * Makes the call again.
		 * @return 0, or the {@code errno} of the failure
		 */
		int read();

		/** {@code stx_dev_major} and {@code stx_dev_minor} as one value, from the last successful {@link #read}. */
		long device();

		long inode();

		long size();

	}

	/**
	 * The calls with which a timer thread interrupts a thread blocked in {@code flock(2)}.
	 */
	interface Signals {

		/** {@code pthread_self()} of the calling thread. */
		long self();

		/**
		 * {@code pthread_kill(3)}.
		 * @return 0, or the error number
		 */
		int kill(long thread, int signal);

		/** {@code SIGRTMAX} of the C library ({@code __libc_current_sigrtmax()}). */
		int realtimeMax();

		/**
		 * The current action of a signal ({@code sigaction(2)} with no new action).
		 */
		Action action(int signal) throws ErrnoException;

		/**
		 * @param handler {@code sa_handler}: 0 is {@code SIG_DFL}, 1 {@code SIG_IGN}
		 * @param flags {@code sa_flags}
		 */
		record Action(long handler, int flags) {

		}

	}

}
