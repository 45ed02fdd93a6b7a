package io.filelock.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code /proc/locks} (Linux) to learn which processes hold locks on a file,
 * without touching the file's locks.
 */
public final class ProcLocks {

	private static final Path PROC_LOCKS = Path.of("/proc/locks");

	private ProcLocks() {
	}

	/**
	 * One lock the kernel lists on a file.
	 * @param pid the holder's process id
	 * @param kind {@code FLOCK}, {@code POSIX} or {@code OFDLCK}
	 * @param access {@code READ} (shared) or {@code WRITE} (exclusive)
	 */
	public record Holder(long pid, String kind, String access) {

		/**
		 * For messages: {@code pid 4242 (flock) FLOCK WRITE}.
		 */
		public String describe() {
			String command = command(this.pid);
			return "pid " + this.pid + ((command != null) ? " (" + command + ")" : "") + " " + this.kind + " "
					+ this.access;
		}

	}

	/**
	 * Whether {@code /proc/locks} can be read here.
	 */
	public static boolean isSupported() {
		return Files.isReadable(PROC_LOCKS);
	}

	/**
	 * The holders of locks on {@code file}; empty if there are none, if the file does not
	 * exist or if {@code /proc/locks} cannot be read.
	 */
	public static List<Holder> holders(Path file) {
		if (!isSupported()) {
			return List.of();
		}
		try {
			long dev = ((Number) Files.getAttribute(file, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
			long ino = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
			String device = String.format("%02x:%02x:%d", major(dev), minor(dev), ino);
			List<Holder> holders = new ArrayList<>();
			for (String line : Files.readAllLines(PROC_LOCKS)) {
				String[] fields = line.trim().split("\\s+");
				// "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF"; waiters are listed with "->"
				if (fields.length >= 6 && !fields[1].equals("->") && fields[5].equals(device)) {
					holders.add(new Holder(Long.parseLong(fields[4]), fields[1], fields[3]));
				}
			}
			return holders;
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException ex) {
			return List.of();
		}
	}

	private static long major(long dev) {
		return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
	}

	private static long minor(long dev) {
		return (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
	}

	static @Nullable String command(long pid) {
		try {
			return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
		}
		catch (IOException | SecurityException ex) {
			return null;
		}
	}

}
