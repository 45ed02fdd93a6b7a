package io.filelock.engine.file;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import io.filelock.LockException;
import io.filelock.engine.Names;

/**
 * Maps lock names to file names inside the lock directory. Names made of
 * {@code [A-Za-z0-9._-]} that do not start with a dot map verbatim; every other byte of
 * the name's UTF-8 form is percent-encoded ({@code "a/b"} → {@code a%2Fb.lock}), as is
 * the first character of a leading dot or of a name Windows reserves ({@code con},
 * {@code nul}, …). The mapping is injective and the same on every platform, and no name
 * can address a file outside the directory.
 */
final class LockFileNames {

	static final String SUFFIX = ".lock";

	/**
	 * The longest file name most file systems accept, in bytes.
	 */
	static final int MAX_FILE_NAME_BYTES = 255;

	private static final Set<String> WINDOWS_RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
			"com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
			"lpt8", "lpt9");

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private LockFileNames() {
	}

	static String fileName(String name) {
		validate(name);
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		StringBuilder file = new StringBuilder(bytes.length + SUFFIX.length());
		boolean encodeFirst = bytes[0] == '.' || isWindowsReserved(name);
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xFF;
			if (isVerbatim(b) && !(i == 0 && encodeFirst)) {
				file.append((char) b);
			}
			else {
				file.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
			}
		}
		file.append(SUFFIX);
		if (file.length() > MAX_FILE_NAME_BYTES) {
			throw new LockException("Invalid lock name " + Names.quote(name) + " (" + name.length()
					+ " characters): its file name would be " + file.length() + " bytes long, more than "
					+ MAX_FILE_NAME_BYTES);
		}
		return file.toString();
	}

	private static void validate(String name) {
		if (name == null) {
			throw new LockException("Invalid lock name: must not be null");
		}
		if (name.isEmpty()) {
			throw new LockException("Invalid lock name '': must not be empty");
		}
		if (name.isBlank()) {
			throw new LockException("Invalid lock name " + Names.quote(name) + ": must not be blank");
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < name.length()
					&& Character.isLowSurrogate(name.charAt(i + 1));
			if (paired) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				// UTF-8 would turn it into '?', so the name would share a file with "?"
				throw new LockException("Invalid lock name " + Names.quote(name) + ": unpaired surrogate \\u"
						+ Integer.toHexString(c) + " at index " + i + " is not a character");
			}
		}
	}

	private static boolean isVerbatim(int b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '.' || b == '_'
				|| b == '-';
	}

	private static boolean isWindowsReserved(String name) {
		int dot = name.indexOf('.');
		int length = (dot >= 0) ? dot : name.length();
		if (length != 3 && length != 4) {
			return false;
		}
		String base = name.substring(0, length);
		return WINDOWS_RESERVED.contains(base.toLowerCase(Locale.ROOT));
	}

}
