package io.filelock.engine.file;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The signal calls of the kernel wait through FFM. C libraries before glibc 2.34 keep
 * {@code pthread_kill} in {@code libpthread}, which is looked in too.
 */
final class FfmSignals implements Posix.Signals {

	/** {@code sizeof(struct sigaction)} on 64-bit Linux (glibc and musl), and the offset of {@code sa_flags}. */
	private static final int SIGACTION_SIZE = 152;

	private static final int SA_FLAGS_OFFSET = 136;

	private final MethodHandle self;

	private final MethodHandle kill;

	private final MethodHandle realtimeMax;

	private final MethodHandle sigaction;

	FfmSignals() {
		SymbolLookup lookup = FfmLinker.LIBC.or((name) -> pthreadLibrary().find(name));
		this.self = bind(lookup, "pthread_self", FunctionDescriptor.of(ValueLayout.JAVA_LONG));
		this.kill = bind(lookup, "pthread_kill",
				FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
		this.realtimeMax = bind(lookup, "__libc_current_sigrtmax", FunctionDescriptor.of(ValueLayout.JAVA_INT));
		this.sigaction = FfmLinker.bindIn(lookup.find("sigaction"), "sigaction", FunctionDescriptor
			.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
				FfmLinker.ERRNO);
	}

	private static MethodHandle bind(SymbolLookup lookup, String function, FunctionDescriptor descriptor) {
		return FfmLinker.bindIn(lookup.find(function), function, descriptor);
	}

	private static SymbolLookup pthreadLibrary() {
		try {
			return SymbolLookup.libraryLookup("libpthread.so.0", Arena.global());
		}
		catch (IllegalArgumentException ex) {
			return (name) -> Optional.empty();
		}
	}

	@Override
	public long self() {
		try {
			return (long) this.self.invokeExact();
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
	}

	@Override
	public int kill(long thread, int signal) {
		try {
			return (int) this.kill.invokeExact(thread, signal);
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
	}

	@Override
	public int realtimeMax() {
		try {
			return (int) this.realtimeMax.invokeExact();
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
	}

	@Override
	public Action action(int signal) throws ErrnoException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment action = arena.allocate(SIGACTION_SIZE, Long.BYTES);
			MemorySegment capture = arena.allocate(FfmLinker.CAPTURE_LAYOUT);
			int result;
			try {
				result = (int) this.sigaction.invokeExact(capture, signal, MemorySegment.NULL, action);
			}
			catch (Throwable ex) {
				throw FfmLinker.unexpected(ex);
			}
			if (result != 0) {
				throw new ErrnoException(capture.get(ValueLayout.JAVA_INT, FfmLinker.ERRNO_OFFSET));
			}
			return new Action(action.get(ValueLayout.JAVA_LONG, 0), action.get(ValueLayout.JAVA_INT, SA_FLAGS_OFFSET));
		}
	}

}
