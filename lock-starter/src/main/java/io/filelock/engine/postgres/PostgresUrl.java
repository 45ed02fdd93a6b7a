package io.filelock.engine.postgres;

import java.util.regex.Pattern;

/**
 * What a {@code jdbc:postgresql:} URL names, for messages: its server(s) as
 * {@code host:port}, and the URL without a password.
 */
final class PostgresUrl {

	private static final Pattern PASSWORD = Pattern.compile("(?i)([?&]password=)[^&]*");

	private final String url;

	private PostgresUrl(String url) {
		this.url = url;
	}

	static PostgresUrl of(String url) {
		return new PostgresUrl(url);
	}

	String url() {
		return this.url;
	}

	/**
	 * The URL with the value of a {@code password} parameter masked.
	 */
	String redacted() {
		return PASSWORD.matcher(this.url).replaceAll("$1******");
	}

	/**
	 * The servers the URL names, {@code host:port} (the driver's defaults
	 * {@code localhost} and {@code 5432} filled in), comma-separated.
	 */
	String servers() {
		String rest = this.url.substring("jdbc:postgresql:".length());
		if (!rest.startsWith("//")) {
			return "localhost:5432";
		}
		String authority = rest.substring(2);
		int end = indexOfAny(authority, '/', '?');
		if (end >= 0) {
			authority = authority.substring(0, end);
		}
		if (authority.isEmpty()) {
			return "localhost:5432";
		}
		StringBuilder servers = new StringBuilder();
		for (String server : authority.split(",")) {
			if (servers.length() > 0) {
				servers.append(',');
			}
			boolean hasPort = server.startsWith("[") ? server.contains("]:") : server.contains(":");
			servers.append(server).append(hasPort ? "" : ":5432");
		}
		return servers.toString();
	}

	private static int indexOfAny(String text, char a, char b) {
		int first = text.indexOf(a);
		int second = text.indexOf(b);
		if (first < 0) {
			return second;
		}
		return (second < 0) ? first : Math.min(first, second);
	}

	@Override
	public String toString() {
		return redacted();
	}

}
