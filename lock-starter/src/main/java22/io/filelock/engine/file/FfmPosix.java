package io.filelock.engine.file;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The C library calls through the JDK's Foreign Function &amp; Memory API (final in JDK
 * 22): nothing to unpack or load besides the C library itself, so it works without JNA
 * and where the temporary directory is mounted {@code noexec}. {@code errno} is captured
 * by the call itself ({@link Linker.Option#captureCallState}), into a segment of the
 * calling thread, together with a buffer that carries {@code pwrite} and {@code pread}
 * data, so that no call allocates.
 * <p>
 * Loaded by name from {@code META-INF/versions/22} ({@link NativeBinding}); its
 * initialisation fails if a call cannot be bound. The handles are constants (static
 * final), which the JIT compiles into direct calls.
 */
final class FfmPosix implements Posix {

	static final Linker LINKER = Linker.nativeLinker();

	static final SymbolLookup LIBC = LINKER.defaultLookup();

	static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();

	static final long ERRNO_OFFSET = CAPTURE_LAYOUT
		.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

	private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

	/** How the JDK encodes file names, and so how {@code open(2)} and {@code statx(2)} get them. */
	private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

	private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

	private static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
			ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));

	private static final MethodHandle FLOCK = bind("flock",
			FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO);

	private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
			ERRNO);

	private static final MethodHandle FTRUNCATE = bind("ftruncate",
			FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), ERRNO);

	private static final MethodHandle PWRITE = bind("pwrite", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
			ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), ERRNO);

	private static final MethodHandle PREAD = bind("pread", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
			ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), ERRNO);

	/** Null where the C library has no {@code statx} (glibc before 2.28, systems other than Linux). */
	static final MethodHandle STATX = OperatingSystem.LINUX ? bindIfPresent("statx", FunctionDescriptor.of(ValueLayout.JAVA_INT,
			ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
			ERRNO) : null;

	@Override
	public String name() {
		return NativeBinding.FFM;
	}

	@Override
	public int open(String path, int flags, int mode) throws ErrnoException {
		Scratch scratch = SCRATCH.get();
		try (Arena arena = Arena.ofConfined()) {
			int fd = (int) OPEN.invokeExact(scratch.capture, nativeString(arena, path), flags, mode);
			return (fd >= 0) ? fd : scratch.fail();
		}
		catch (ErrnoException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw unexpected(ex);
		}
	}

	@Override
	public int flock(int fd, int operation) {
		Scratch scratch = SCRATCH.get();
		try {
			int result = (int) FLOCK.invokeExact(scratch.capture, fd, operation);
			return (result == 0) ? 0 : scratch.errno();
		}
		catch (Throwable ex) {
			throw unexpected(ex);
		}
	}

	@Override
	public void close(int fd) throws ErrnoException {
		Scratch scratch = SCRATCH.get();
		int result;
		try {
			result = (int) CLOSE.invokeExact(scratch.capture, fd);
		}
		catch (Throwable ex) {
			throw unexpected(ex);
		}
		if (result != 0) {
			scratch.fail();
		}
	}

	@Override
	public void ftruncate(int fd, long length) throws ErrnoException {
		Scratch scratch = SCRATCH.get();
		int result;
		try {
			result = (int) FTRUNCATE.invokeExact(scratch.capture, fd, length);
		}
		catch (Throwable ex) {
			throw unexpected(ex);
		}
		if (result != 0) {
			scratch.fail();
		}
	}

	@Override
	public long pwrite(int fd, byte[] buffer, int count, long offset) throws ErrnoException {
		Scratch scratch = SCRATCH.get();
		MemorySegment data = scratch.buffer(count);
		MemorySegment.copy(buffer, 0, data, ValueLayout.JAVA_BYTE, 0, count);
		long written;
		try {
			written = (long) PWRITE.invokeExact(scratch.capture, fd, data, (long) count, offset);
		}
		catch (Throwable ex) {
			throw unexpected(ex);
		}
		return (written >= 0) ? written : scratch.fail();
	}

	@Override
	public long pread(int fd, byte[] buffer, int count, long offset) throws ErrnoException {
		Scratch scratch = SCRATCH.get();
		MemorySegment data = scratch.buffer(count);
		long read;
		try {
			read = (long) PREAD.invokeExact(scratch.capture, fd, data, (long) count, offset);
		}
		catch (Throwable ex) {
			throw unexpected(ex);
		}
		if (read < 0) {
			return scratch.fail();
		}
		MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) read);
		return read;
	}

	@Override
	public boolean hasStatx() {
		return STATX != null;
	}

	@Override
	public Statx statx(int directory, String path, int flags, int mask) {
		if (STATX == null) {
			throw new IllegalStateException("statx(2) is not bound here");
		}
		return new FfmStatx(directory, nativeString(Arena.ofAuto(), path), flags, mask);
	}

	@Override
	public Signals signals() {
		return new FfmSignals();
	}

	static MemorySegment nativeString(Arena arena, String value) {
		byte[] bytes = value.getBytes(FILE_NAMES);
		MemorySegment string = arena.allocate(bytes.length + 1L);
		MemorySegment.copy(bytes, 0, string, ValueLayout.JAVA_BYTE, 0, bytes.length);
		string.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
		return string;
	}

	static MethodHandle bind(String function, FunctionDescriptor descriptor, Linker.Option... options) {
		return bindIn(LIBC.find(function), function, descriptor, options);
	}

	static MethodHandle bindIn(Optional<MemorySegment> symbol, String function, FunctionDescriptor descriptor,
			Linker.Option... options) {
		return LINKER.downcallHandle(symbol
			.orElseThrow(() -> new IllegalStateException("the C library has no function " + function)), descriptor,
				options);
	}

	private static MethodHandle bindIfPresent(String function, FunctionDescriptor descriptor,
			Linker.Option... options) {
		Optional<MemorySegment> symbol = LIBC.find(function);
		return symbol.isPresent() ? bindIn(symbol, function, descriptor, options) : null;
	}

	/**
	 * A downcall that threw: the handles have exact types, so this is a bug, not an
	 * error of the call.
	 */
	static IllegalStateException unexpected(Throwable ex) {
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(ex);
	}

	/**
	 * What the calls of one thread need: where {@code errno} is captured, and a buffer
	 * for {@code pwrite} and {@code pread}, grown when needed.
	 */
	static final class Scratch {

		final MemorySegment capture = Arena.ofAuto().allocate(CAPTURE_LAYOUT);

		private MemorySegment buffer = MemorySegment.NULL;

		int errno() {
			return this.capture.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
		}

		/** Throws the captured {@code errno}; declared to return for the callers' convenience. */
		int fail() throws ErrnoException {
			throw new ErrnoException(errno());
		}

		MemorySegment buffer(int size) {
			if (this.buffer.byteSize() < size) {
				this.buffer = Arena.ofAuto().allocate(Math.max(size, 256));
			}
			return this.buffer;
		}

	}

}
