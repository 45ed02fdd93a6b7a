package io.filelock.engine.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.filelock.LockMode;
import io.filelock.engine.WaitRefusedException;
import io.filelock.engine.file.FcntlChannels.Shared;
import org.jspecify.annotations.Nullable;

/**
 * A lock file for POSIX locks, through the file's channel shared by the whole JVM
 * ({@link FcntlChannels}). See {@link FcntlStrategy} for how it waits in the kernel.
 */
final class FcntlFile implements OpenLockFile {

	/** Places for callers of the JVM waiting in the kernel, one platform thread of the JDK's pool each. */
	private static final Semaphore KERNEL_WAITS = new Semaphore(FcntlStrategy.KERNEL_WAITS);

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
			throw FcntlStrategy.failure("lock", this.path, ex);
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
		if (!KERNEL_WAITS.tryAcquire()) {
			throw new WaitRefusedException(FcntlStrategy.KERNEL_WAITS + " callers of this JVM wait in the kernel for FCNTL "
					+ "locks already");
		}
		try {
			return awaitLock(mode, nanos);
		}
		finally {
			KERNEL_WAITS.release();
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
					+ ((cause instanceof IOException io) ? FcntlStrategy.describe(io) : String.valueOf(cause)), cause);
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
				throw FcntlStrategy.failure("unlock", this.path, ex);
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
