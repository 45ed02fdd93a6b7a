package io.filelock.benchmarks;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes maps, lists, numbers, strings, booleans and null as indented JSON.
 */
final class Json {

	private Json() {
	}

	static String write(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out, "");
		return out.append('\n').toString();
	}

	private static void write(@Nullable Object value, StringBuilder out, String indent) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			String inner = indent + "  ";
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(first ? "\n" : ",\n").append(inner);
				string(String.valueOf(entry.getKey()), out);
				out.append(": ");
				write(entry.getValue(), out, inner);
				first = false;
			}
			out.append(first ? "}" : "\n" + indent + "}");
		}
		else if (value instanceof Collection<?> list) {
			out.append('[');
			String inner = indent + "  ";
			boolean first = true;
			for (Object item : list) {
				out.append(first ? "\n" : ",\n").append(inner);
				write(item, out, inner);
				first = false;
			}
			out.append(first ? "]" : "\n" + indent + "]");
		}
		else if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
			out.append("null");
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else {
			string(String.valueOf(value), out);
		}
	}

	private static void string(String text, StringBuilder out) {
		out.append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
