package io.filelock.engine.file;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C library calls through the JDK's Foreign Function &amp; Memory API (final in JDK
 * 22): nothing to unpack or load besides the C library itself, so it works without JNA
 * and where the temporary directory is mounted {@code noexec}. {@code errno} is captured
 * by the call itself ({@link Linker.Option#captureCallState}), into a segment of the
 * calling thread ({@link FfmScratch}), together with a buffer that carries
 * {@code pwrite} and {@code pread} data, so that no call allocates.
 * <p>
 * Loaded by name from {@code META-INF/versions/22} ({@link NativeBinding}); its
 * initialisation fails if a call cannot be bound. The handles are constants (static
 * final), which the JIT compiles into direct calls.
 */
final class FfmPosix implements Posix {

	private static final ThreadLocal<FfmScratch> SCRATCH = ThreadLocal.withInitial(FfmScratch::new);

	private static final Linker.Option ERRNO = FfmLinker.ERRNO;

	private static final MethodHandle OPEN = FfmLinker.bind("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
			ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));

	private static final MethodHandle FLOCK = FfmLinker.bind("flock",
			FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO);

	private static final MethodHandle CLOSE = FfmLinker.bind("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
			ERRNO);

	private static final MethodHandle FTRUNCATE = FfmLinker.bind("ftruncate",
			FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), ERRNO);

	private static final MethodHandle PWRITE = FfmLinker.bind("pwrite", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
			ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), ERRNO);

	private static final MethodHandle PREAD = FfmLinker.bind("pread", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
			ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), ERRNO);

	private static final MethodHandle GETEUID = FfmLinker.bind("geteuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));

	private static final MethodHandle STATFS = FfmLinker.bind("statfs",
			FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), ERRNO);

	/** Null where the C library has no {@code statx} (glibc before 2.28, systems other than Linux). */
	static final MethodHandle STATX = OperatingSystem.LINUX ? FfmLinker.bindIfPresent("statx", FunctionDescriptor.of(ValueLayout.JAVA_INT,
			ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
			ERRNO) : null;

	@Override
	public String name() {
		return NativeBinding.FFM;
	}

	@Override
	public int open(String path, int flags, int mode) throws ErrnoException {
		FfmScratch scratch = SCRATCH.get();
		try (Arena arena = Arena.ofConfined()) {
			int fd = (int) OPEN.invokeExact(scratch.capture, FfmLinker.nativeString(arena, path), flags, mode);
			return (fd >= 0) ? fd : scratch.fail();
		}
		catch (ErrnoException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
	}

	@Override
	public int flock(int fd, int operation) {
		FfmScratch scratch = SCRATCH.get();
		try {
			int result = (int) FLOCK.invokeExact(scratch.capture, fd, operation);
			return (result == 0) ? 0 : scratch.errno();
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
	}

	@Override
	public void close(int fd) throws ErrnoException {
		FfmScratch scratch = SCRATCH.get();
		int result;
		try {
			result = (int) CLOSE.invokeExact(scratch.capture, fd);
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
		if (result != 0) {
			scratch.fail();
		}
	}

	@Override
	public void ftruncate(int fd, long length) throws ErrnoException {
		FfmScratch scratch = SCRATCH.get();
		int result;
		try {
			result = (int) FTRUNCATE.invokeExact(scratch.capture, fd, length);
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
		if (result != 0) {
			scratch.fail();
		}
	}

	@Override
	public long pwrite(int fd, byte[] buffer, int count, long offset) throws ErrnoException {
		FfmScratch scratch = SCRATCH.get();
		MemorySegment data = scratch.buffer(count);
		MemorySegment.copy(buffer, 0, data, ValueLayout.JAVA_BYTE, 0, count);
		long written;
		try {
			written = (long) PWRITE.invokeExact(scratch.capture, fd, data, (long) count, offset);
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
		return (written >= 0) ? written : scratch.fail();
	}

	@Override
	public long pread(int fd, byte[] buffer, int count, long offset) throws ErrnoException {
		FfmScratch scratch = SCRATCH.get();
		MemorySegment data = scratch.buffer(count);
		long read;
		try {
			read = (long) PREAD.invokeExact(scratch.capture, fd, data, (long) count, offset);
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
		if (read < 0) {
			return scratch.fail();
		}
		MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) read);
		return read;
	}

	@Override
	public int effectiveUid() {
		try {
			return (int) GETEUID.invokeExact();
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
	}

	@Override
	public long statfsFirstWord(String path) throws ErrnoException {
		FfmScratch scratch = SCRATCH.get();
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment buffer = arena.allocate(STATFS_SIZE, Long.BYTES);
			int result = (int) STATFS.invokeExact(scratch.capture, FfmLinker.nativeString(arena, path), buffer);
			return (result == 0) ? buffer.get(ValueLayout.JAVA_LONG, 0) : scratch.fail();
		}
		catch (ErrnoException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
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
		return new FfmStatx(directory, FfmLinker.nativeString(Arena.ofAuto(), path), flags, mask);
	}

	@Override
	public Signals signals() {
		return new FfmSignals();
	}

}
