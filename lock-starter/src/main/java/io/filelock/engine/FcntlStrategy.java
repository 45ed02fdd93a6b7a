package io.filelock.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * POSIX record locks, taken the way {@link FileChannel} takes them. The kernel keeps
 * such locks per process and drops all of them when any descriptor of the file is
 * closed, so the engine opens each file once per JVM and never closes it while a lock is
 * held.
 * <p>
 * The file is opened as an {@link AsynchronousFileChannel} rather than a
 * {@link FileChannel}: a {@code FileChannel} is interruptible, so interrupting a thread
 * in the middle of any of its operations closes it, and with it every lock the JVM holds
 * on the file. An asynchronous channel is never closed by an interrupt; its reads and
 * writes are awaited without giving in to interrupts (they are short), and the thread's
 * interrupt flag is kept.
 * <p>
 * A waiting acquirer waits in the kernel: the channel's {@code lock} blocks in
 * {@code fcntl(F_SETLKW)} on a thread of the JDK's pool, and the acquirer waits for its
 * result, so the lock is taken the moment it is free. At the timeout, or on an interrupt,
 * the channel is closed, the only way to end that blocked call; the JVM holds no lock on
 * the file meanwhile (the acquirer is the only thread using it), so the close drops
 * nothing, and the entry opens the file again for the next attempt. Unlike
 * {@code flock(2)}, {@code fcntl(F_SETLKW)} detects deadlocks between processes: when the
 * wait would close a cycle it fails with {@code EDEADLK}, and this acquisition polls with
 * the backoff instead ({@link KernelWaitRefusedException}).
 */
final class FcntlStrategy implements LockFileStrategy {

	private static final Log logger = LogFactory.getLog(FcntlStrategy.class);

	static FcntlStrategy fallback(String reason) {
		logger.warn("File locks fall back to the FCNTL strategy (POSIX locks through FileChannel), which does not "
				+ "exclude flock(1) users of the same files: " + reason);
		return new FcntlStrategy();
	}

	@Override
	public LockStrategy kind() {
		return LockStrategy.FCNTL;
	}

	/**
	 * For any thread, virtual ones too: the call blocks a thread of the JDK's pool, the
	 * waiting thread only parks.
	 */
	@Override
	public boolean waitsInKernel() {
		return true;
	}

	@Override
	public OpenLockFile open(Path path, boolean managed) {
		try {
			return new FcntlFile(path, AsynchronousFileChannel.open(path, StandardOpenOption.CREATE,
					StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
		}
		catch (IOException ex) {
			throw failure("open", path, ex);
		}
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

	/**
	 * Waits for a read or write of the channel; an interrupt does not end the wait, it is
	 * kept for the caller.
	 */
	private static int await(Future<Integer> operation) throws IOException {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return operation.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					throw (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static final class FcntlFile implements OpenLockFile {

		private final Path path;

		private final AsynchronousFileChannel channel;

		private @Nullable FileLock lock;

		/** Whether this channel wrote a record, after which the file is cut no more. */
		private boolean checkedSize;

		FcntlFile(Path path, AsynchronousFileChannel channel) {
			this.path = path;
			this.channel = channel;
		}

		@Override
		public boolean tryLock(LockMode mode) {
			FileLock taken = this.lock;
			if (taken != null && taken.isValid() && taken.isShared() == (mode == LockMode.SHARED)) {
				// taken by the wait in the kernel
				return true;
			}
			try {
				this.lock = this.channel.tryLock(0, Long.MAX_VALUE, mode == LockMode.SHARED);
				return this.lock != null;
			}
			catch (OverlappingFileLockException ex) {
				throw overlapping(ex);
			}
			catch (IOException ex) {
				throw failure("lock", this.path, ex);
			}
		}

		@Override
		public boolean lockWaiting(LockMode mode, long nanos) throws InterruptedException {
			Future<FileLock> pending;
			try {
				pending = this.channel.lock(0, Long.MAX_VALUE, mode == LockMode.SHARED);
			}
			catch (OverlappingFileLockException ex) {
				throw overlapping(ex);
			}
			try {
				this.lock = pending.get(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
				return true;
			}
			catch (ExecutionException ex) {
				// EDEADLK mostly: a process that waits for a lock this JVM holds holds the one asked for. The
				// request is gone (the JDK takes it out of its lock table) and the channel is still usable.
				Throwable cause = ex.getCause();
				throw new KernelWaitRefusedException("Cannot wait in the kernel for lock file " + this.path + ": "
						+ ((cause instanceof IOException io) ? describe(io) : String.valueOf(cause)), cause);
			}
			catch (TimeoutException ex) {
				// closing ends the blocked fcntl(F_SETLKW), and drops the lock if it was taken meanwhile
				close();
				return false;
			}
			catch (InterruptedException ex) {
				close();
				throw ex;
			}
		}

		private LockException overlapping(RuntimeException ex) {
			return new LockException("Cannot lock " + this.path
					+ ": this JVM already holds a lock on the same file through another path or library", ex);
		}

		@Override
		public boolean isOpen() {
			return this.channel.isOpen();
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
					throw failure("unlock", this.path, ex);
				}
			}
		}

		@Override
		public void writeRecord(byte[] record) throws IOException {
			// Written over the old record, cut to length only when the file is longer (see FlockStrategy).
			long size = this.checkedSize ? 0 : this.channel.size();
			ByteBuffer buffer = ByteBuffer.wrap(record);
			long position = 0;
			while (buffer.hasRemaining()) {
				position += await(this.channel.write(buffer, position));
			}
			if (size > record.length) {
				this.channel.truncate(record.length);
			}
			this.checkedSize = true;
		}

		@Override
		public byte[] readRecord(int max) throws IOException {
			ByteBuffer buffer = ByteBuffer.allocate(max);
			int read = await(this.channel.read(buffer, 0));
			return Arrays.copyOf(buffer.array(), Math.max(read, 0));
		}

		@Override
		public void close() {
			this.lock = null;
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// Closing releases the descriptor and every POSIX lock on it; nothing is left to undo.
			}
		}

	}

}
