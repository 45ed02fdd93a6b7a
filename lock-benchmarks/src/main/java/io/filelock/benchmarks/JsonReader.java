package io.filelock.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link Json} writes, so that one suite can read another's results: objects
 * as ordered maps, arrays as lists, numbers as {@link Long} when whole and {@link Double}
 * otherwise, strings, booleans and null.
 */
final class JsonReader {

	private final String text;

	private int at;

	private JsonReader(String text) {
		this.text = text;
	}

	static @Nullable Object read(String text) {
		JsonReader reader = new JsonReader(text);
		Object value = reader.value();
		reader.skipSpace();
		if (reader.at != text.length()) {
			throw reader.error("end of the text");
		}
		return value;
	}

	private @Nullable Object value() {
		skipSpace();
		if (this.at >= this.text.length()) {
			throw error("a value");
		}
		char next = this.text.charAt(this.at);
		return switch (next) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, @Nullable Object> object() {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		this.at++;
		if (skipSpace() == '}') {
			this.at++;
			return map;
		}
		while (true) {
			skipSpace();
			String key = string();
			if (skipSpace() != ':') {
				throw error("':'");
			}
			this.at++;
			map.put(key, value());
			if (endOf('}')) {
				return map;
			}
		}
	}

	private List<@Nullable Object> array() {
		List<@Nullable Object> list = new ArrayList<>();
		this.at++;
		if (skipSpace() == ']') {
			this.at++;
			return list;
		}
		while (true) {
			list.add(value());
			if (endOf(']')) {
				return list;
			}
		}
	}

	/**
	 * After an item: true at the closing bracket, false at a comma; both are consumed.
	 */
	private boolean endOf(char closing) {
		char next = skipSpace();
		if (next == closing || next == ',') {
			this.at++;
			return next == closing;
		}
		throw error("',' or '" + closing + "'");
	}

	private String string() {
		if (this.at >= this.text.length() || this.text.charAt(this.at) != '"') {
			throw error("a string");
		}
		StringBuilder out = new StringBuilder();
		for (this.at++; this.at < this.text.length(); this.at++) {
			char c = this.text.charAt(this.at);
			if (c == '"') {
				this.at++;
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char escaped = this.text.charAt(++this.at);
			switch (escaped) {
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				case 'r' -> out.append('\r');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'u' -> {
					out.append((char) Integer.parseInt(this.text.substring(this.at + 1, this.at + 5), 16));
					this.at += 4;
				}
				default -> out.append(escaped);
			}
		}
		throw error("the end of the string");
	}

	private @Nullable Object literal(String word, @Nullable Object value) {
		if (!this.text.startsWith(word, this.at)) {
			throw error(word);
		}
		this.at += word.length();
		return value;
	}

	private Number number() {
		int start = this.at;
		while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
			this.at++;
		}
		String number = this.text.substring(start, this.at);
		try {
			return number.matches("-?\\d+") ? (Number) Long.parseLong(number) : (Number) Double.parseDouble(number);
		}
		catch (NumberFormatException ex) {
			this.at = start;
			throw error("a value");
		}
	}

	/**
	 * Skips white space and returns the next character (0 at the end).
	 */
	private char skipSpace() {
		while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
			this.at++;
		}
		return (this.at < this.text.length()) ? this.text.charAt(this.at) : 0;
	}

	private IllegalArgumentException error(String expected) {
		return new IllegalArgumentException("Invalid JSON at character " + this.at + ": expected " + expected);
	}

}
