package io.filelock.engine.file;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The signal calls of the kernel wait through JNA direct mapping, bound apart from
 * {@link JnaPosix.CLibrary} so that a C library without them only costs the kernel wait.
 */
final class JnaSignals implements Posix.Signals {

	/** {@code sizeof(struct sigaction)} on 64-bit Linux (glibc and musl), and the offset of {@code sa_flags}. */
	static final int SIGACTION_SIZE = 152;

	static final int SA_FLAGS_OFFSET = 136;

	JnaSignals() {
		Natives.bind();
	}

	@Override
	public long self() {
		return Natives.pthread_self();
	}

	@Override
	public int kill(long thread, int signal) {
		return Natives.pthread_kill(thread, signal);
	}

	@Override
	public int realtimeMax() {
		return Natives.__libc_current_sigrtmax();
	}

	@Override
	public Action action(int signal) throws ErrnoException {
		try (Memory action = new Memory(SIGACTION_SIZE)) {
			action.clear();
			Natives.sigaction(signal, null, action);
			return new Action(action.getLong(0), action.getInt(SA_FLAGS_OFFSET));
		}
		catch (LastErrorException ex) {
			throw new ErrnoException(ex.getErrorCode());
		}
	}

	static final class Natives {

		static {
			try {
				Native.register(Natives.class, Platform.C_LIBRARY_NAME);
			}
			catch (UnsatisfiedLinkError ex) {
				// C libraries before glibc 2.34 keep pthread_kill in libpthread
				Native.register(Natives.class, "pthread");
			}
		}

		private Natives() {
		}

		static void bind() {
			// the static initializer registers the natives
		}

		static native int __libc_current_sigrtmax();

		static native long pthread_self();

		static native int pthread_kill(long thread, int signal);

		static native int sigaction(int signal, @Nullable Pointer action, Pointer oldAction) throws LastErrorException;

	}

}
