package io.filelock.engine.file;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The two facts of the process and its file systems that the checks of the lock
 * directory need from the C library, through the {@link Posix} binding: the effective
 * user id (whose directories the lock directory may be) and the {@code statfs(2)} magic
 * of a file system (to check the mount found in {@code /proc/self/mountinfo} against what
 * the kernel reaches). Empty where they cannot be had.
 */
final class NativeFacts {

	/**
	 * {@code f_type} is the first field of {@code struct statfs} on Linux (a word); on a
	 * little-endian machine its low 32 bits, which hold every magic, come first.
	 */
	private static final boolean STATFS_BOUND = LibC.AVAILABLE && OperatingSystem.LINUX
			&& ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

	private NativeFacts() {
	}

	/**
	 * The effective user id of this process, which owns the files it creates.
	 */
	static OptionalInt effectiveUid() {
		return LibC.AVAILABLE ? OptionalInt.of(LibC.POSIX.effectiveUid()) : OptionalInt.empty();
	}

	/**
	 * The {@code f_type} of the file system holding {@code existingPath}.
	 */
	static OptionalLong statfsMagic(Path existingPath) {
		if (!STATFS_BOUND) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(LibC.POSIX.statfsFirstWord(existingPath.toString()) & 0xFFFFFFFFL);
		}
		catch (ErrnoException ex) {
			return OptionalLong.empty();
		}
	}

}
