package io.filelock.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

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
	private static final int STATX_SIZE = 256;

	private static final int STATX_INO_OFFSET = 32;

	private static final int STATX_DEV_OFFSET = 136;

	private final Path path;

	/**
	 * The path as the C library takes it, encoded once, and the buffer {@code statx} fills:
	 * native memory, so that a call copies no Java array in or out (the caller holds the
	 * entry's mutex, so one buffer serves every call).
	 */
	private final @Nullable Memory nativePath;

	private final @Nullable Memory buffer;

	FileKey(Path path) {
		this.path = path;
		if (STATX) {
			byte[] encoded = Native.toByteArray(path.toString());
			this.nativePath = new Memory(encoded.length);
			this.nativePath.write(0, encoded, 0, encoded.length);
			this.buffer = new Memory(STATX_SIZE);
		}
		else {
			this.nativePath = null;
			this.buffer = null;
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

	/**
	 * The key of the file the path names now.
	 */
	Object current() {
		Memory out = this.buffer;
		if (out != null) {
			try {
				Statx.statx(AT_FDCWD, this.nativePath, AT_SYMLINK_NOFOLLOW, STATX_INO, out);
				return new DeviceAndInode(out.getLong(STATX_DEV_OFFSET), out.getLong(STATX_INO_OFFSET));
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

		static native int statx(int directory, @Nullable Pointer path, int flags, int mask, Pointer buffer)
				throws LastErrorException;

	}

}
