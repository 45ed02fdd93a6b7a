package io.filelock.engine.file;

import java.util.Locale;

/**
 * The platform, from the JDK's system properties: what the bindings and their flags
 * depend on. Depends on nothing else, so that any binding may read it while
 * {@link LibC} is being initialised.
 */
final class OperatingSystem {

	static final boolean LINUX = osName().startsWith("linux");

	static final boolean MAC = osName().startsWith("mac") || osName().startsWith("darwin");

	/** Whether this is 64-bit Linux, the one platform the kernel wait is implemented on. */
	static final boolean LINUX_64 = LINUX && "64".equals(System.getProperty("sun.arch.data.model"));

	static final boolean ARM = arch().startsWith("arm") || arch().startsWith("aarch64");

	static final boolean INTEL = arch().equals("x86") || arch().equals("i386") || arch().equals("i686")
			|| arch().equals("amd64") || arch().equals("x86_64");

	private OperatingSystem() {
	}

	private static String osName() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
	}

	private static String arch() {
		return System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
	}

}
