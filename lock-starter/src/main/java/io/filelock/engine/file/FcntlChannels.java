package io.filelock.engine.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The JVM's channels on lock files for POSIX locks: one per file, known by its device and
 * inode, shared by every lock and every manager of the JVM, however they reach the file
 * (two managers on one directory, a directory behind a symbolic link and its real path).
 * POSIX locks belong to the process, and closing any descriptor of a file drops every
 * lock the process holds on it; so a channel is closed only when nobody uses it and no
 * lock is held through it.
 * <p>
 * A channel opened while the path changed under it cannot be told apart from one on
 * another file; it is kept open until the JVM holds no POSIX lock through these channels
 * at all, and then closed.
 */
final class FcntlChannels {

	/** The JVM's channels. */
	static final FcntlChannels JVM = new FcntlChannels();

	private static final int OPEN_ATTEMPTS = 10;

	/**
	 * The backend creates lock files with the configured permissions before they are
	 * opened ({@link LockDirectories}); a file is created here only when it vanished in
	 * between, and then with the most restrictive permissions a lock file gets.
	 */
	private static final FileAttribute<?>[] CREATE_ATTRIBUTES = createAttributes();

	private final Map<Object, Shared> channels = new HashMap<>();

	/** Channels whose file could not be told, closed once no lock is held. */
	private final List<AsynchronousFileChannel> unverified = new ArrayList<>();

	/** POSIX locks held through these channels now. */
	private int locksHeld;

	/**
	 * A channel on the file {@code path} names now, shared with the other users of that
	 * file; {@link #release} it when done.
	 * @throws NoSuchFileException if there is no file and {@code create} is false
	 */
	synchronized Shared open(Path path, boolean create) throws IOException {
		for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
			FileId before = PathStat.idOf(path);
			if (before == FileId.MISSING) {
				if (!create) {
					throw new NoSuchFileException(path.toString());
				}
				createNew(path);
				continue;
			}
			Shared shared = this.channels.get(keyOf(before, path));
			if (shared != null) {
				shared.users++;
				return shared;
			}
			AsynchronousFileChannel channel;
			try {
				channel = AsynchronousFileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
						LinkOption.NOFOLLOW_LINKS);
			}
			catch (NoSuchFileException ex) {
				// deleted since it was looked at
				continue;
			}
			FileId after = PathStat.idOf(path);
			if (before.equals(after) || before == FileId.UNKNOWN) {
				shared = new Shared(keyOf(after, path), channel);
				this.channels.put(shared.key, shared);
				return shared;
			}
			// the path named another file before the open than after: which one is open cannot be told
			this.unverified.add(channel);
		}
		throw new IOException("the file keeps being replaced");
	}

	/**
	 * Creates the file, closing its channel at once: a file that did not exist carries no
	 * lock of this JVM's, so the close drops none.
	 */
	private static void createNew(Path path) throws IOException {
		try {
			Files.newByteChannel(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
					LinkOption.NOFOLLOW_LINKS), CREATE_ATTRIBUTES).close();
		}
		catch (FileAlreadyExistsException ex) {
			// created meanwhile, or a symbolic link (which the open refuses)
		}
	}

	private static FileAttribute<?>[] createAttributes() {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
	}

	private static Object keyOf(FileId id, Path path) {
		return (id == FileId.UNKNOWN || id == FileId.MISSING) ? path : id;
	}

	/**
	 * One user is done with {@code shared}; the channel is closed if it was the last and
	 * no lock is held through it.
	 */
	synchronized void release(Shared shared) {
		shared.users--;
		if (shared.users <= 0 && !shared.locked) {
			discard(shared);
		}
	}

	synchronized void locked(Shared shared) {
		shared.locked = true;
		this.locksHeld++;
	}

	synchronized void unlocked(Shared shared) {
		if (shared.locked) {
			shared.locked = false;
			this.locksHeld--;
		}
		if (shared.users <= 0) {
			discard(shared);
		}
		if (this.locksHeld == 0 && !this.unverified.isEmpty()) {
			this.unverified.forEach(FcntlChannels::closeQuietly);
			this.unverified.clear();
		}
	}

	/**
	 * Closes the channel, dropping any lock held through it, and forgets it: its users
	 * find it closed and open the file again.
	 */
	synchronized void discard(Shared shared) {
		if (this.channels.get(shared.key) == shared) {
			this.channels.remove(shared.key);
		}
		if (shared.locked) {
			shared.locked = false;
			this.locksHeld--;
		}
		closeQuietly(shared.channel);
	}

	/**
	 * Reads at most {@code max} bytes from the start of an existing file, through the
	 * file's shared channel.
	 */
	byte[] read(Path path, int max) throws IOException {
		Shared shared = open(path, false);
		try {
			ByteBuffer buffer = ByteBuffer.allocate(max);
			int read = await(shared.channel.read(buffer, 0));
			return Arrays.copyOf(buffer.array(), Math.max(read, 0));
		}
		finally {
			release(shared);
		}
	}

	/**
	 * Waits for a read or write of a channel; an interrupt does not end the wait (it is
	 * short), it is kept for the caller. An interrupt must not end it by closing the
	 * channel, which would drop this JVM's locks on the file.
	 */
	static int await(Future<Integer> operation) throws IOException {
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

	private static void closeQuietly(AsynchronousFileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing releases the descriptor and every POSIX lock on it; nothing is left to undo
		}
	}

	/**
	 * One file's channel, and who uses it; guarded by the {@link FcntlChannels}.
	 */
	static final class Shared {

		final Object key;

		final AsynchronousFileChannel channel;

		private int users = 1;

		private boolean locked;

		Shared(Object key, AsynchronousFileChannel channel) {
			this.key = key;
			this.channel = channel;
		}

		/**
		 * The file the channel was opened on.
		 */
		FileId identity() {
			return (this.key instanceof FileId id) ? id : FileId.UNKNOWN;
		}

	}

}
