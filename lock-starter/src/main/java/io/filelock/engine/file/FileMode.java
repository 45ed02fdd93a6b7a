package io.filelock.engine.file;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * POSIX mode bits, between {@link PosixFilePermission}s, the number {@code chmod(2)}
 * takes and the text {@code ls -l} shows.
 */
final class FileMode {

	static final int SETUID = 04000;

	static final int SETGID = 02000;

	static final int STICKY = 01000;

	private FileMode() {
	}

	/**
	 * The permission bits of {@code permissions}: {@code 0750} for {@code rwxr-x---}.
	 */
	static int of(Set<PosixFilePermission> permissions) {
		int mode = 0;
		for (PosixFilePermission permission : permissions) {
			mode |= bit(permission);
		}
		return mode;
	}

	/**
	 * The mode as {@code ls -l} shows it: {@code rwxr-xr-x}, {@code rwxrwxrwt},
	 * {@code rwxrws---}.
	 */
	static String text(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		for (PosixFilePermission permission : PosixFilePermission.values()) {
			if ((mode & bit(permission)) != 0) {
				permissions.add(permission);
			}
		}
		char[] text = PosixFilePermissions.toString(permissions).toCharArray();
		special(text, 2, (mode & SETUID) != 0, 's');
		special(text, 5, (mode & SETGID) != 0, 's');
		special(text, 8, (mode & STICKY) != 0, 't');
		return new String(text);
	}

	/**
	 * The bit of one permission: the enum is in the order of the bits, from the owner's
	 * read ({@code 0400}) to the others' execute ({@code 0001}).
	 */
	private static int bit(PosixFilePermission permission) {
		return 0400 >> permission.ordinal();
	}

	private static void special(char[] text, int index, boolean set, char letter) {
		if (set) {
			text[index] = (text[index] == 'x') ? letter : Character.toUpperCase(letter);
		}
	}

}
