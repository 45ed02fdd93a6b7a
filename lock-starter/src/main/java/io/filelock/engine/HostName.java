package io.filelock.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This host's name, read once, without a DNS look-up where the kernel can say it.
 */
public final class HostName {

	private static final String LOCAL = lookUp();

	private HostName() {
	}

	public static String local() {
		return LOCAL;
	}

	private static String lookUp() {
		try {
			String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
			if (!kernel.isEmpty()) {
				return kernel;
			}
		}
		catch (IOException | SecurityException ex) {
			// not Linux: ask the resolver
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
