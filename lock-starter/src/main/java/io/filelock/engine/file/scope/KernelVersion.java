package io.filelock.engine.file.scope;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The running kernel's release, needed where a lock call's scope changed between kernel
 * versions (CIFS sends {@code flock(2)} to the server only since Linux 5.5).
 *
 * @param major for example 6
 * @param minor for example 18
 */
public record KernelVersion(int major, int minor) {

	private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

	/** Unknown: checks with {@link #atLeast} answer false. */
	public static final KernelVersion UNKNOWN = new KernelVersion(0, 0);

	/** Parses a release such as {@code 6.18.44-fc-v857}; {@link #UNKNOWN} if it is not one. */
	public static KernelVersion parse(@Nullable String release) {
		Matcher m = RELEASE.matcher((release != null) ? release : "");
		return m.find() ? new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : UNKNOWN;
	}

	/** This JVM's kernel on Linux ({@code os.version}), otherwise {@link #UNKNOWN}. */
	public static KernelVersion running() {
		return System.getProperty("os.name", "").startsWith("Linux") ? parse(System.getProperty("os.version"))
				: UNKNOWN;
	}

	public boolean known() {
		return this.major > 0;
	}

	public boolean atLeast(int major, int minor) {
		return known() && (this.major > major || (this.major == major && this.minor >= minor));
	}

	@Override
	public String toString() {
		return known() ? this.major + "." + this.minor : "unknown";
	}

}
