package io.filelock.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
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

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * POSIX record locks through {@link FileChannel}. The JVM keeps such locks per process
 * and drops all of them when any channel on the file is closed, so the engine opens each
 * file once per JVM and never closes it while a lock is held. Channel operations are run
 * with the thread's interrupt flag cleared, because an interrupt would close the channel
 * and silently drop the lock.
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

	@Override
	public OpenLockFile open(Path path, boolean managed) {
		try {
			return new FcntlFile(path, uninterruptibly(() -> FileChannel.open(path, StandardOpenOption.CREATE,
					StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)));
		}
		catch (IOException ex) {
			throw failure("open", path, ex);
		}
	}

	static LockException failure(String operation, Path path, IOException ex) {
		String reason = describe(ex);
		return new OpenFailedException("Cannot " + operation + " lock file " + path + ": " + reason,
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

	private static <T> T uninterruptibly(IoAction<T> action) throws IOException {
		boolean interrupted = Thread.interrupted();
		try {
			return action.run();
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@FunctionalInterface
	private interface IoAction<T> {

		T run() throws IOException;

	}

	private static final class FcntlFile implements OpenLockFile {

		private final Path path;

		private final FileChannel channel;

		private @Nullable FileLock lock;

		FcntlFile(Path path, FileChannel channel) {
			this.path = path;
			this.channel = channel;
		}

		@Override
		public boolean tryLock(LockMode mode) {
			try {
				this.lock = uninterruptibly(() -> this.channel.tryLock(0, Long.MAX_VALUE, mode == LockMode.SHARED));
				return this.lock != null;
			}
			catch (OverlappingFileLockException ex) {
				throw new LockException("Cannot lock " + this.path
						+ ": this JVM already holds a lock on the same file through another path or library", ex);
			}
			catch (IOException ex) {
				throw failure("lock", this.path, ex);
			}
		}

		@Override
		public void unlock() {
			FileLock held = this.lock;
			this.lock = null;
			if (held != null) {
				try {
					uninterruptibly(() -> {
						held.release();
						return null;
					});
				}
				catch (IOException ex) {
					throw failure("unlock", this.path, ex);
				}
			}
		}

		@Override
		public void writeRecord(byte[] record) throws IOException {
			uninterruptibly(() -> {
				this.channel.truncate(0);
				ByteBuffer buffer = ByteBuffer.wrap(record);
				long position = 0;
				while (buffer.hasRemaining()) {
					position += this.channel.write(buffer, position);
				}
				return null;
			});
		}

		@Override
		public byte[] readRecord(int max) throws IOException {
			return uninterruptibly(() -> {
				ByteBuffer buffer = ByteBuffer.allocate(max);
				int read = this.channel.read(buffer, 0);
				return Arrays.copyOf(buffer.array(), Math.max(read, 0));
			});
		}

		@Override
		public void close() {
			this.lock = null;
			try {
				uninterruptibly(() -> {
					this.channel.close();
					return null;
				});
			}
			catch (IOException ex) {
				// Closing releases the descriptor and every POSIX lock on it; nothing is left to undo.
			}
		}

	}

}
