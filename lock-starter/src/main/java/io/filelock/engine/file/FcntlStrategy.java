package io.filelock.engine.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.engine.WaitRefusedException;
import io.filelock.engine.file.FcntlChannels.Shared;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * POSIX record locks, taken the way {@link FileChannel} takes them, through the JVM's one
 * channel per file ({@link FcntlChannels}): the kernel keeps such locks per process and
 * drops all of them when any descriptor of the file is closed. Within the JVM, a file
 * locked through one lock (of another manager, or reached through another path) is busy
 * for every other.
 * <p>
 * The channel is an {@link AsynchronousFileChannel} rather than a {@link FileChannel}: a
 * {@code FileChannel} is interruptible, so interrupting a thread in the middle of any of
 * its operations closes it, and with it every lock the JVM holds on the file. An
 * asynchronous channel is never closed by an interrupt.
 * <p>
 * A waiting acquirer waits in the kernel: the channel's {@code lock} blocks in
 * {@code fcntl(F_SETLKW)} on a thread of the JDK's pool, and the acquirer waits for its
 * result, so the lock is taken the moment it is free. At the timeout, or on an interrupt,
 * the channel is closed, the only way to end that blocked call; no lock of the JVM is
 * held through it meanwhile (the JDK refuses a wait that overlaps one), so the close drops
 * nothing, and the file is opened again for the next attempt. Each such wait holds a
 * platform thread of the JDK's pool, virtual callers too: at most
 * {@link #KERNEL_WAITS} callers of a JVM wait so at once, the others poll with the backoff.
 * Unlike {@code flock(2)}, {@code fcntl(F_SETLKW)} detects deadlocks between processes:
 * when the wait would close a cycle it fails with {@code EDEADLK}, and this acquisition
 * polls with the backoff instead.
 */
final class FcntlStrategy implements LockFileStrategy {

	/** How many callers of a JVM may wait in the kernel for FCNTL locks at once. */
	static final int KERNEL_WAITS = 64;

	private static final Log logger = LogFactory.getLog(FcntlStrategy.class);

	private final FcntlChannels channels;

	FcntlStrategy() {
		this(FcntlChannels.JVM);
	}

	FcntlStrategy(FcntlChannels channels) {
		this.channels = channels;
	}

	static FcntlStrategy fallback(String reason) {
		logger.warn("File locks fall back to the FCNTL strategy (POSIX locks through FileChannel), which does not "
				+ "exclude flock(1) users of the same files: " + reason);
		return new FcntlStrategy();
	}

	@Override
	public LockStrategy kind() {
		return LockStrategy.FCNTL;
	}

	@Override
	public boolean waitsInKernel() {
		return true;
	}

	@Override
	public OpenLockFile open(Path path, boolean managed) {
		try {
			return new FcntlFile(path, this.channels, this.channels.open(path, true));
		}
		catch (IOException ex) {
			throw failure("open", path, ex);
		}
	}

	@Override
	public byte[] read(Path path, int max) throws IOException {
		return this.channels.read(path, max);
	}

	static LockException failure(String operation, Path path, IOException ex) {
		return new OpenFailedException("Cannot " + operation + " lock file " + path + ": " + describe(ex),
				ex instanceof NoSuchFileException, ex);
	}

	static String describe(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (ex instanceof NoSuchFileException) {
			return "no such file or directory";
		}
		if (ex instanceof FileSystemException fse && fse.getReason() != null) {
			String reason = fse.getReason();
			if (reason.contains("symbolic links")) {
				return reason + " (the lock file is a symbolic link, which is never followed)";
			}
			return reason;
		}
		return String.valueOf(ex.getMessage());
	}

}
