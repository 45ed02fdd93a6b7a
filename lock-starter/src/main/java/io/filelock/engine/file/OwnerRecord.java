package io.filelock.engine.file;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.filelock.spi.LockHolders;
import org.jspecify.annotations.Nullable;

/**
 * The one line a manager writes into a lock file it holds exclusively (padded by
 * {@link OwnerRecordWriter}), so that a waiting process can say who holds the lock:
 * {@code pid=4242 host="build-01" thread="main" acquired=2026-11-23T10:15:30.123Z app="billing"}.
 *
 * @param pid the holder's process id
 * @param host the holder's host name
 * @param thread the holding thread's name
 * @param acquiredAt when the lock was taken
 * @param application the holder's application name, if known
 */
record OwnerRecord(long pid, String host, String thread, Instant acquiredAt, @Nullable String application) {

	/**
	 * How much of a lock file is read back; longer content is garbage, not a record.
	 */
	static final int MAX_BYTES = 1024;

	private static final Pattern FIELD = Pattern.compile("(\\w+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+))");

	/**
	 * Parses a record, or returns null if {@code content} is not one.
	 */
	static @Nullable OwnerRecord parse(String content) {
		String line = content.strip();
		if (line.isEmpty() || line.indexOf('\n') >= 0) {
			return null;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher matcher = FIELD.matcher(line);
		while (matcher.find()) {
			fields.put(matcher.group(1), (matcher.group(2) != null) ? unquote(matcher.group(2)) : matcher.group(3));
		}
		try {
			long pid = Long.parseLong(fields.getOrDefault("pid", ""));
			String host = fields.get("host");
			String thread = fields.getOrDefault("thread", "?");
			Instant acquiredAt = Instant.parse(fields.getOrDefault("acquired", ""));
			return (pid > 0 && host != null) ? new OwnerRecord(pid, host, thread, acquiredAt, fields.get("app")) : null;
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * For messages: {@code pid 4242 on host "build-01", thread "main", since …, app "billing"}.
	 */
	String describe() {
		return "pid " + this.pid + " on host " + quote(this.host) + ", thread " + quote(this.thread) + ", since "
				+ this.acquiredAt + ((this.application != null) ? ", app " + quote(this.application) : "");
	}

	LockHolders.Owner toOwner() {
		return new LockHolders.Owner(this.pid, this.host, this.thread, this.acquiredAt, this.application);
	}

	static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x7F) {
				quoted.append(' ');
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	private static String unquote(String value) {
		return value.replaceAll("\\\\(.)", "$1");
	}

}
