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

	private static final Semaphore kernelWaits = new Semaphore(KERNEL_WAITS);

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

	private static String describe(IOException ex) {
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

	private static final class FcntlFile implements OpenLockFile {

		private final Path path;

		private final FcntlChannels channels;

		private final Shared shared;

		private @Nullable FileLock lock;

		FcntlFile(Path path, FcntlChannels channels, Shared shared) {
			this.path = path;
			this.channels = channels;
			this.shared = shared;
		}

		@Override
		public FileId identity() {
			return this.shared.identity();
		}

		@Override
		public boolean tryLock(LockMode mode) {
			FileLock taken = this.lock;
			if (taken != null && taken.isValid() && taken.isShared() == (mode == LockMode.SHARED)) {
				// taken by the wait in the kernel
				return true;
			}
			try {
				this.lock = this.shared.channel.tryLock(0, Long.MAX_VALUE, mode == LockMode.SHARED);
			}
			catch (OverlappingFileLockException ex) {
				// held through the same channel by another lock of this JVM (another manager, another path)
				return false;
			}
			catch (IOException ex) {
				throw failure("lock", this.path, ex);
			}
			if (this.lock != null) {
				this.channels.locked(this.shared);
			}
			return this.lock != null;
		}

		/**
		 * Any thread: the call blocks a thread of the JDK's pool, the caller only parks.
		 */
		@Override
		public boolean canWait() {
			return true;
		}

		@Override
		public boolean lockWaiting(LockMode mode, long nanos) throws InterruptedException {
			if (!kernelWaits.tryAcquire()) {
				throw new WaitRefusedException(KERNEL_WAITS + " callers of this JVM wait in the kernel for FCNTL "
						+ "locks already");
			}
			try {
				return awaitLock(mode, nanos);
			}
			finally {
				kernelWaits.release();
			}
		}

		private boolean awaitLock(LockMode mode, long nanos) throws InterruptedException {
			Future<FileLock> pending;
			try {
				pending = this.shared.channel.lock(0, Long.MAX_VALUE, mode == LockMode.SHARED);
			}
			catch (OverlappingFileLockException ex) {
				throw new WaitRefusedException("Another lock of this JVM holds or waits for lock file " + this.path, ex);
			}
			try {
				this.lock = pending.get(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
				this.channels.locked(this.shared);
				return true;
			}
			catch (ExecutionException ex) {
				// EDEADLK mostly: a process that waits for a lock this JVM holds holds the one asked for. The
				// request is gone (the JDK takes it out of its lock table) and the channel is still usable.
				Throwable cause = ex.getCause();
				throw new WaitRefusedException("Cannot wait in the kernel for lock file " + this.path + ": "
						+ ((cause instanceof IOException io) ? describe(io) : String.valueOf(cause)), cause);
			}
			catch (TimeoutException ex) {
				// closing ends the blocked fcntl(F_SETLKW), and drops the lock if it was taken meanwhile
				this.channels.discard(this.shared);
				return false;
			}
			catch (InterruptedException ex) {
				this.channels.discard(this.shared);
				throw ex;
			}
		}

		@Override
		public boolean isOpen() {
			return this.shared.channel.isOpen();
		}

		@Override
		public void unlock() {
			FileLock held = this.lock;
			this.lock = null;
			if (held != null) {
				try {
					held.release();
				}
				catch (IOException ex) {
					// closing the channel drops the lock
					this.channels.discard(this.shared);
					throw failure("unlock", this.path, ex);
				}
				this.channels.unlocked(this.shared);
			}
		}

		@Override
		public void writeRecord(byte[] record, long size) throws IOException {
			ByteBuffer buffer = ByteBuffer.wrap(record);
			long position = 0;
			while (buffer.hasRemaining()) {
				position += FcntlChannels.await(this.shared.channel.write(buffer, position));
			}
			if (size > record.length) {
				this.shared.channel.truncate(record.length);
			}
		}

		/**
		 * Releases the channel; a lock still held is dropped (the channel is closed then).
		 */
		@Override
		public void close() {
			if (this.lock != null) {
				this.lock = null;
				this.channels.discard(this.shared);
			}
			else if (!this.shared.channel.isOpen()) {
				this.channels.discard(this.shared);
			}
			else {
				this.channels.release(this.shared);
			}
		}

	}

}
