package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.jspecify.annotations.Nullable;

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

	static final boolean STATX = LibC.AVAILABLE && OperatingSystem.LINUX && LibC.POSIX.hasStatx();

	private static final int AT_FDCWD = -100;

	private static final int AT_SYMLINK_NOFOLLOW = 0x100;

	private static final int AT_EMPTY_PATH = 0x1000;

	private static final int STATX_INO = 0x100;

	private static final int STATX_SIZE = 0x200;

	private final Path path;

	/** The call, with the path encoded once and a buffer reused rather than allocated per read. */
	private final Posix.@Nullable Statx statx;

	private FileId id = FileId.MISSING;

	private long size;

	PathStat(Path path) {
		this.path = path;
		this.statx = STATX ? LibC.POSIX.statx(AT_FDCWD, path.toString(), AT_SYMLINK_NOFOLLOW, STATX_INO | STATX_SIZE)
				: null;
	}

	/**
	 * Reads what the path names now: {@link #names} and {@link #size} answer for it.
	 */
	void read() {
		Posix.Statx call = this.statx;
		if (call != null) {
			int errno = call.read();
			if (errno == 0) {
				this.id = FileId.of(call.device(), call.inode());
				this.size = call.size();
				return;
			}
			if (errno != LibC.ENOSYS) {
				this.id = FileId.MISSING;
				this.size = 0;
				return;
			}
			// a kernel without statx (before 4.11): ask the JDK
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
		Posix.Statx call = LibC.POSIX.statx(fd, "", AT_EMPTY_PATH, STATX_INO);
		int errno = call.read();
		if (errno == 0) {
			return FileId.of(call.device(), call.inode());
		}
		if (errno == LibC.ENOSYS) {
			return FileId.UNKNOWN;
		}
		throw new ErrnoException(errno);
	}

}
