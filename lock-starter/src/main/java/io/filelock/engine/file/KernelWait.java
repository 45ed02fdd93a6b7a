package io.filelock.engine.file;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a {@code flock(2)} lock in the kernel, the way blocking {@code flock} does, so
 * that the waiter takes the lock the moment it is released (or its holder dies), and yet
 * gives up at a deadline or when its thread is interrupted.
 * <p>
 * The waiting thread blocks in {@code flock(fd, LOCK_EX)} (or {@code LOCK_SH}). A timer
 * thread cuts the wait short with a signal sent to that thread alone
 * ({@code pthread_kill}), which makes the call fail with {@code EINTR}: the mechanism the
 * JDK itself uses to interrupt threads blocked in channel operations, and the same signal
 * ({@code SIGRTMAX - 2}), whose handler the JDK installs without {@code SA_RESTART}. The
 * signal is only sent while the thread is inside the wait, under a lock that the thread
 * takes before it leaves, so no other code of the thread ever sees it. A signal that
 * arrives just before the thread enters the call is repeated every millisecond until the
 * thread has left.
 * <p>
 * Available on Linux with a C library that has {@code pthread_kill}, when the signal's
 * handler is in place; elsewhere, for virtual threads (a blocked native call would pin
 * their carrier) and when it is switched off, the manager polls with its backoff instead.
 */
final class KernelWait {

	private static final Log logger = LogFactory.getLog(KernelWait.class);

	/** While nothing is due, how often the timer looks whether the waiter was interrupted. */
	static final long INTERRUPT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final int SA_RESTART = 0x10000000;

	private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

	static final boolean AVAILABLE;

	static final String UNAVAILABLE_REASON;

	static final int SIGNAL;

	/** The signal calls, or null where {@link #AVAILABLE} is false. */
	static final Posix.@Nullable Signals SIGNALS;

	static {
		String reason = null;
		int signal = 0;
		Posix.Signals signals = null;
		if (!OperatingSystem.LINUX_64) {
			reason = "the kernel wait is only implemented on 64-bit Linux";
		}
		else if (!LibC.AVAILABLE) {
			reason = LibC.UNAVAILABLE_REASON;
		}
		else {
			try {
				signals = LibC.POSIX.signals();
				signal = signals.realtimeMax() - 2;
				reason = checkHandler(signals, signal);
			}
			catch (Throwable ex) {
				reason = "pthread_kill could not be bound: " + ex;
			}
		}
		AVAILABLE = (reason == null);
		UNAVAILABLE_REASON = (reason != null) ? reason : "";
		SIGNAL = signal;
		SIGNALS = AVAILABLE ? signals : null;
		if (reason != null && OperatingSystem.LINUX) {
			logger.debug("Waiting for flock locks by polling with the backoff: " + reason);
		}
	}

	private KernelWait() {
	}

	/**
	 * Whether the calling thread may wait in the kernel: it is not a virtual thread.
	 */
	static boolean usableByCurrentThread() {
		if (!AVAILABLE) {
			return false;
		}
		if (IS_VIRTUAL == null) {
			return true;
		}
		try {
			return !(boolean) IS_VIRTUAL.invoke(Thread.currentThread());
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Blocks in {@code flock(fd, operation)} until the lock is taken, {@code nanos} have
	 * passed, or the thread is interrupted.
	 * @return true if the lock is held now, false if the time passed first
	 * @throws InterruptedException if the thread was interrupted (its flag is cleared)
	 * @throws ErrnoException if {@code flock} failed otherwise
	 */
	static boolean lock(int fd, int operation, long nanos) throws InterruptedException, ErrnoException {
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		if (nanos <= 0) {
			return false;
		}
		Posix.Signals signals = SIGNALS;
		KernelWaiter waiter = new KernelWaiter(signals, Thread.currentThread(), signals.self(), System.nanoTime() + nanos);
		waiter.schedule(Math.min(nanos, INTERRUPT_CHECK_NANOS));
		try {
			while (true) {
				if (!waiter.enter()) {
					if (Thread.interrupted()) {
						throw new InterruptedException();
					}
					return false;
				}
				int errno;
				try {
					errno = LibC.POSIX.flock(fd, operation);
				}
				finally {
					waiter.leave();
				}
				if (errno == 0) {
					return true;
				}
				if (errno != LibC.EINTR) {
					throw new ErrnoException(errno);
				}
			}
		}
		finally {
			waiter.finish();
		}
	}

	/**
	 * Whether the signal has a handler that lets it interrupt a blocked call. The JDK
	 * installs it when its channel classes start; a read of {@code /dev/null} through a
	 * {@link FileChannel} makes sure they have.
	 */
	private static @Nullable String checkHandler(Posix.Signals signals, int signal) throws ErrnoException {
		try (FileChannel channel = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ)) {
			channel.read(ByteBuffer.allocate(1));
		}
		catch (IOException ex) {
			return "/dev/null could not be read: " + ex;
		}
		Posix.Signals.Action action = signals.action(signal);
		if (action.handler() == 0 || action.handler() == 1) {
			return "signal " + signal + " has no handler (" + ((action.handler() == 0) ? "SIG_DFL" : "SIG_IGN") + ")";
		}
		if ((action.flags() & SA_RESTART) != 0) {
			return "the handler of signal " + signal + " restarts interrupted calls (SA_RESTART)";
		}
		return null;
	}

	private static @Nullable MethodHandle isVirtualHandle() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

}
