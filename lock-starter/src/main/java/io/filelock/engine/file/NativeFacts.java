package io.filelock.engine.file;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;

/**
 * The two facts of the process and its file systems that the checks of the lock
 * directory need from the C library, through {@link LibC}: the effective user id (whose
 * directories the lock directory may be) and the {@code statfs(2)} magic of a file system
 * (to check the mount found in {@code /proc/self/mountinfo} against what the kernel
 * reaches). Empty where they cannot be had.
 */
final class NativeFacts {

	/**
	 * {@code struct statfs} is 120 bytes on 64-bit Linux; the buffer leaves room.
	 */
	private static final int STATFS_SIZE = 256;

	/**
	 * {@code f_type} is the first field of {@code struct statfs} on Linux (a word); on a
	 * little-endian machine its low 32 bits, which hold every magic, come first.
	 */
	private static final boolean STATFS_BOUND = LibC.AVAILABLE && Platform.isLinux()
			&& ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

	private NativeFacts() {
	}

	/**
	 * The effective user id of this process, which owns the files it creates.
	 */
	static OptionalInt effectiveUid() {
		return LibC.AVAILABLE ? OptionalInt.of(LibC.geteuid()) : OptionalInt.empty();
	}

	/**
	 * The {@code f_type} of the file system holding {@code existingPath}.
	 */
	static OptionalLong statfsMagic(Path existingPath) {
		if (!STATFS_BOUND) {
			return OptionalLong.empty();
		}
		byte[] buffer = new byte[STATFS_SIZE];
		try {
			LibC.statfs(existingPath.toString(), buffer);
		}
		catch (LastErrorException ex) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xFFFFFFFFL);
	}

}
