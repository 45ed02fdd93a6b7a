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
 * How the FFM binding finds and binds the C library's functions, and passes file names
 * to them.
 */
final class FfmLinker {

	static final Linker LINKER = Linker.nativeLinker();

	/** The C library, and on Linux libm and libdl, as the JDK's default lookup finds them. */
	static final SymbolLookup LIBC = LINKER.defaultLookup();

	static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();

	static final long ERRNO_OFFSET = CAPTURE_LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

	/** Makes a call save its {@code errno} into a segment passed first, before the JVM can change it. */
	static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

	/** How the JDK encodes file names, and so how {@code open(2)} and {@code statx(2)} get them. */
	private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

	private FfmLinker() {
	}

	/**
	 * A downcall handle of a C library function.
	 * @throws IllegalStateException if the C library has no such function
	 */
	static MethodHandle bind(String function, FunctionDescriptor descriptor, Linker.Option... options) {
		return bindIn(LIBC.find(function), function, descriptor, options);
	}

	static MethodHandle bindIn(Optional<MemorySegment> symbol, String function, FunctionDescriptor descriptor,
			Linker.Option... options) {
		return LINKER.downcallHandle(symbol
			.orElseThrow(() -> new IllegalStateException("the C library has no function " + function)), descriptor,
				options);
	}

	/**
	 * A downcall handle, or null where the C library has no such function.
	 */
	static MethodHandle bindIfPresent(String function, FunctionDescriptor descriptor, Linker.Option... options) {
		Optional<MemorySegment> symbol = LIBC.find(function);
		return symbol.isPresent() ? bindIn(symbol, function, descriptor, options) : null;
	}

	/**
	 * A file name as a NUL-terminated string in {@code arena}.
	 */
	static MemorySegment nativeString(Arena arena, String value) {
		byte[] bytes = value.getBytes(FILE_NAMES);
		MemorySegment string = arena.allocate(bytes.length + 1L);
		MemorySegment.copy(bytes, 0, string, ValueLayout.JAVA_BYTE, 0, bytes.length);
		string.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
		return string;
	}

	/**
	 * A downcall that threw: the handles have exact types, so this is a bug, not an
	 * error of the call. Errors and runtime exceptions are thrown as they are.
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

}
