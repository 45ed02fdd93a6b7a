package io.filelock.engine;

/**
 * Lock names as messages show them.
 */
public final class Names {

	private static final int SHOWN_CHARACTERS = 80;

	private Names() {
	}

	/**
	 * Quotes a name for a message: control characters escaped, long names cut.
	 */
	public static String quote(String name) {
		StringBuilder quoted = new StringBuilder("'");
		int limit = Math.min(name.length(), SHOWN_CHARACTERS);
		for (int i = 0; i < limit; i++) {
			char c = name.charAt(i);
			if (c < 0x20 || c == 0x7F) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		if (name.length() > limit) {
			quoted.append('…');
		}
		return quoted.append('\'').toString();
	}

}
