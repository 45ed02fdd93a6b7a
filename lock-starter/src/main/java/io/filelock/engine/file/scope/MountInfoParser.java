package io.filelock.engine.file.scope;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses {@code /proc/self/mountinfo} text (format in proc(5)).
 *
 * <p>The kernel separates fields with single spaces and writes a space, tab, newline or
 * backslash inside a path or name as a three-digit octal escape ({@code \040}, {@code \011},
 * {@code \012}, {@code \134}); options escape commas and {@code =} the same way. Fields are
 * therefore split on spaces first and unescaped afterwards.
 *
 * <p>Contract on the text: one char per byte of the file (ISO-8859-1), as
 * {@link MountInfoSource#proc()} reads it, because paths are bytes, not text. After
 * unescaping, the bytes of a field are decoded as UTF-8 (the usual file-name encoding).
 * Chars above 0xff cannot come from such text; they are taken as UTF-8 for convenience.
 */
final class MountInfoParser {

	private MountInfoParser() {
	}

	/**
	 * All mounts in file order; blank lines are skipped.
	 * @throws IllegalArgumentException naming the line number of a line that is not in the
	 * mountinfo format
	 */
	static List<MountEntry> parse(String text) {
		List<MountEntry> entries = new ArrayList<>();
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (!line.isEmpty()) {
				try {
					entries.add(parseLine(line));
				}
				catch (RuntimeException ex) {
					throw new IllegalArgumentException("mountinfo line " + (i + 1) + " is malformed (" + ex.getMessage()
							+ "): " + line, ex);
				}
			}
		}
		return entries;
	}

	/**
	 * One line: ten or more space-separated fields with a lone {@code -} before the
	 * filesystem type.
	 */
	static MountEntry parseLine(String line) {
		List<String> fields = Arrays.asList(line.split(" "));
		int separator = fields.indexOf("-");
		if (separator < 6 || fields.size() < separator + 3) {
			throw new IllegalArgumentException("expected 6 fields, optional fields, '-', type, source [, options]");
		}
		String device = fields.get(2);
		if (!device.matches("\\d+:\\d+")) {
			throw new IllegalArgumentException("device '" + device + "' is not major:minor");
		}
		// fields 7 to the separator are optional fields (shared:N, master:N, …): ignored, as proc(5) advises
		String superField = (fields.size() > separator + 3) ? fields.get(separator + 3) : "";
		MountOptions options = MountOptions.parse(fields.get(5), MountInfoParser::unescape)
			.then(MountOptions.parse(superField, MountInfoParser::unescape));
		return new MountEntry(Integer.parseInt(fields.get(0)), Integer.parseInt(fields.get(1)), unescape(fields.get(4)),
				unescape(fields.get(separator + 1)), options);
	}

	/**
	 * Replaces each backslash followed by three octal digits with that byte and decodes the
	 * result as UTF-8; other backslashes are kept.
	 */
	static String unescape(String field) {
		if (field.indexOf('\\') < 0 && field.chars().allMatch((c) -> c < 0x80)) {
			return field;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '\\' && isOctal(field, i + 1)) {
				bytes.write(Integer.parseInt(field.substring(i + 1, i + 4), 8));
				i += 3;
			}
			else if (c <= 0xff) {
				bytes.write(c);
			}
			else {
				bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isOctal(String s, int from) {
		if (from + 3 > s.length()) {
			return false;
		}
		for (int i = from; i < from + 3; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '7') {
				return false;
			}
		}
		return s.charAt(from) <= '3';
	}

}
