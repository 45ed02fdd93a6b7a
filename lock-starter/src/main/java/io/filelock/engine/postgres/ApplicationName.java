package io.filelock.engine.postgres;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.filelock.spi.LockHolders.SessionOwner;
import org.jspecify.annotations.Nullable;

/**
 * The {@code application_name} of the backend's sessions, which says whose they are:
 * {@code file-lock pid=4242 host=build-01 app=billing}. PostgreSQL keeps at most 63 bytes
 * of printable ASCII, so other characters become {@code ?} and a long host or application
 * name is cut (the application's first).
 */
final class ApplicationName {

	/** {@code NAMEDATALEN - 1}. */
	static final int MAX_BYTES = 63;

	private static final String PREFIX = "file-lock pid=";

	private static final Pattern FORMAT = Pattern.compile("file-lock pid=(\\d+) host=(\\S+)(?: app=(\\S+))?");

	private ApplicationName() {
	}

	static String of(long pid, String host, @Nullable String application) {
		String head = PREFIX + pid + " host=";
		String cleanHost = clean(host);
		String cleanApp = (application != null && !application.isBlank()) ? clean(application) : null;
		String name = head + cleanHost + ((cleanApp != null) ? " app=" + cleanApp : "");
		if (name.length() <= MAX_BYTES) {
			return name;
		}
		if (cleanApp != null) {
			int room = MAX_BYTES - (head + cleanHost + " app=").length();
			if (room >= 4) {
				return head + cleanHost + " app=" + cleanApp.substring(0, room);
			}
		}
		return (head + cleanHost).substring(0, Math.min(MAX_BYTES, (head + cleanHost).length()));
	}

	/**
	 * The JVM behind a session of a lock manager, or null for another client.
	 */
	static @Nullable SessionOwner parse(@Nullable String applicationName) {
		if (applicationName == null) {
			return null;
		}
		Matcher matcher = FORMAT.matcher(applicationName);
		if (!matcher.matches()) {
			return null;
		}
		return new SessionOwner(Long.parseLong(matcher.group(1)), matcher.group(2), matcher.group(3));
	}

	private static String clean(String value) {
		StringBuilder clean = new StringBuilder(value.length());
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			clean.append((b > 0x20 && b < 0x7F) ? (char) b : '?');
		}
		return clean.toString();
	}

}
