package io.filelock.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * What tells files apart (device and inode on Unix), without following a symbolic link;
 * a missing file matches nothing, and where the file system cannot tell, everything
 * matches. Read on every acquisition, to see that the path still names the locked file.
 * <p>
 * On Linux it is read with {@code statx(2)} asking for the inode only, not with the
 * JDK's {@code lstat(2)}: a call that reads a file's change time makes the kernel (6.13
 * and later) stamp the next write with a fine-grained time, which dirties the inode, and
 * the owner record written next then cost about 1 µs more (measured on ext4).
 */
final class FileKey {

	private static final boolean STATX = bindStatx();

	private static final int AT_FDCWD = -100;

	private static final int AT_SYMLINK_NOFOLLOW = 0x100;

	private static final int STATX_INO = 0x100;

	/** {@code struct statx} is 256 bytes: {@code stx_ino} at byte 32, {@code stx_dev_major/minor} at 136. */
	private static final int STATX_LONGS = 32;

	private final Path path;

	/** The path as JNA passes a {@code String}, encoded once rather than on every read. */
	private final byte[] nativePath;

	/**
	 * The buffer {@code statx} fills, reused (the caller holds the entry's mutex) rather
	 * than allocated per call. A plain array rather than JNA's native {@code Memory}: an
	 * entry lives only while its lock is held or waited for, and with two {@code Memory}
	 * objects per entry (freed by JNA's cleaner thread after a collection) the soak over
	 * 100,000 names ended with 38 MB of heap after a GC instead of 13 MB.
	 */
	private final long[] buffer;

	FileKey(Path path) {
		this.path = path;
		this.nativePath = STATX ? Native.toByteArray(path.toString()) : new byte[0];
		this.buffer = STATX ? new long[STATX_LONGS] : new long[0];
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

	/**
	 * The key of the file the path names now.
	 */
	Object current() {
		if (STATX) {
			long[] out = this.buffer;
			try {
				Statx.statx(AT_FDCWD, this.nativePath, AT_SYMLINK_NOFOLLOW, STATX_INO, out);
				return new DeviceAndInode(out[17], out[4]);
			}
			catch (LastErrorException ex) {
				if (ex.getErrorCode() != LibC.ENOSYS) {
					return new Object();
				}
				// a kernel without statx (before 4.11): ask the JDK
			}
		}
		try {
			Object key = Files.readAttributes(this.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
				.fileKey();
			return (key != null) ? key : Unknown.INSTANCE;
		}
		catch (IOException ex) {
			return new Object();
		}
	}

	/**
	 * The key of a file system that has none: equal to itself, so every check passes.
	 */
	private enum Unknown {

		INSTANCE

	}

	/**
	 * @param device {@code stx_dev_major} and {@code stx_dev_minor} as one value
	 * @param inode {@code stx_ino}
	 */
	private record DeviceAndInode(long device, long inode) {
	}

	private static final class Statx {

		private Statx() {
		}

		static native int statx(int directory, byte[] path, int flags, int mask, long[] buffer)
				throws LastErrorException;

	}

}
