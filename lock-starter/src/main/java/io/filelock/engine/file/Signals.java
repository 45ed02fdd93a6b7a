package io.filelock.engine.file;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The signal calls, bound apart from {@link LibC} so that a C library without them
 * only costs the kernel wait, not the {@code FLOCK} strategy.
 */
final class Signals {

	private Signals() {
	}

	static void bind() {
		try {
			Native.register(Signals.class, Platform.C_LIBRARY_NAME);
		}
		catch (UnsatisfiedLinkError ex) {
			// C libraries before glibc 2.34 keep pthread_kill in libpthread
			Native.register(Signals.class, "pthread");
		}
	}

	static native int __libc_current_sigrtmax();

	static native long pthread_self();

	static native int pthread_kill(long thread, int signal);

	static native int sigaction(int signal, @Nullable Pointer action, Pointer oldAction) throws LastErrorException;

}
