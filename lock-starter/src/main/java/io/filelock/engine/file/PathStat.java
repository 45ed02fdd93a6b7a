package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * What a path or a descriptor names (device and inode on Unix), and its size, read
 * without following a symbolic link: to see, on every acquisition, that the path still
 * names the file that was locked, and whether something else made the file longer than
 * an owner record.
 * <p>
 * On Linux it is read with {@code statx(2)} asking for the inode and the size only, not
 * with the JDK's {@code lstat(2)}: a call that reads a file's change time makes the
 * kernel (6.13 and later) stamp the next write with a fine-grained time, which dirties the
 * inode and makes the owner record's write dearer. Elsewhere the JDK's file key serves.
 * <p>
 * Not thread-safe: one thread at a time reads a path (the lock's acquirer).
 */
final class PathStat {

	static final boolean STATX = bindStatx();

	private static final int AT_FDCWD = -100;

	private static final int AT_SYMLINK_NOFOLLOW = 0x100;

	private static final int AT_EMPTY_PATH = 0x1000;

	private static final int STATX_INO = 0x100;

	private static final int STATX_SIZE = 0x200;

	/** {@code struct statx} is 256 bytes: {@code stx_ino} at byte 32, {@code stx_size} at 40, {@code stx_dev_major/minor} at 136. */
	private static final int STATX_LONGS = 32;

	private static final byte[] EMPTY_PATH = { 0 };

	private final Path path;

	/** The path as JNA passes a {@code String}, encoded once rather than on every read. */
	private final byte[] nativePath;

	/** The buffer {@code statx} fills, reused rather than allocated per read. */
	private final long[] buffer = new long[STATX ? STATX_LONGS : 0];

	private FileId id = FileId.MISSING;

	private long size;

	PathStat(Path path) {
		this.path = path;
		this.nativePath = STATX ? Native.toByteArray(path.toString()) : new byte[0];
	}

	/**
	 * Reads what the path names now: {@link #names} and {@link #size} answer for it.
	 */
	void read() {
		if (STATX) {
			try {
				Statx.statx(AT_FDCWD, this.nativePath, AT_SYMLINK_NOFOLLOW, STATX_INO | STATX_SIZE, this.buffer);
				this.id = FileId.of(this.buffer[17], this.buffer[4]);
				this.size = this.buffer[5];
				return;
			}
			catch (LastErrorException ex) {
				if (ex.getErrorCode() != LibC.ENOSYS) {
					this.id = FileId.MISSING;
					this.size = 0;
					return;
				}
				// a kernel without statx (before 4.11): ask the JDK
			}
		}
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			this.id = FileId.ofKey(attributes.fileKey());
			this.size = attributes.size();
		}
		catch (IOException ex) {
			this.id = FileId.MISSING;
			this.size = 0;
		}
	}

	/**
	 * Whether the path named {@code file} at the last {@link #read}.
	 */
	boolean names(FileId file) {
		return this.id.sameAs(file);
	}

	FileId id() {
		return this.id;
	}

	long size() {
		return this.size;
	}

	/**
	 * What the path names now, read once.
	 */
	static FileId idOf(Path path) {
		PathStat stat = new PathStat(path);
		stat.read();
		return stat.id;
	}

	/**
	 * What an open descriptor names: the file it was opened on, whatever its path names
	 * now.
	 * @throws NoSuchFileException never; IOException if the descriptor cannot be read
	 */
	static FileId idOf(int fd) throws IOException {
		if (!STATX) {
			return FileId.UNKNOWN;
		}
		long[] out = new long[STATX_LONGS];
		try {
			Statx.statx(fd, EMPTY_PATH, AT_EMPTY_PATH, STATX_INO, out);
			return FileId.of(out[17], out[4]);
		}
		catch (LastErrorException ex) {
			if (ex.getErrorCode() == LibC.ENOSYS) {
				return FileId.UNKNOWN;
			}
			throw new IOException(LibC.describe(ex.getErrorCode()), ex);
		}
	}

	private static boolean bindStatx() {
		if (!LibC.AVAILABLE || !Platform.isLinux()) {
			return false;
		}
		try {
			Native.register(Statx.class, Platform.C_LIBRARY_NAME);
			return true;
		}
		catch (Throwable ex) {
			// glibc before 2.28 has no statx wrapper: the JDK's file key does the same, a little slower
			return false;
		}
	}

	private static final class Statx {

		private Statx() {
		}

		static native int statx(int directory, byte[] path, int flags, int mask, long[] buffer)
				throws LastErrorException;

	}

}
