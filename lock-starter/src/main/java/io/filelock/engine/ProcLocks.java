package io.filelock.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code /proc/locks} (Linux) to learn which processes hold locks on a file,
 * without touching the file's locks.
 */
public final class ProcLocks {

	private static final Path PROC_LOCKS = Path.of("/proc/locks");

	private static final boolean SUPPORTED = Files.isReadable(PROC_LOCKS);

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
			String device = device(file);
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

	/**
	 * Whether a process other than {@code pid} waits in the kernel for a lock on
	 * {@code file} (a blocked {@code flock(2)} or {@code fcntl(F_SETLKW)}; processes that
	 * poll are not seen); false if {@code /proc/locks} cannot be read.
	 */
	static boolean othersWaiting(Path file, long pid) {
		if (!SUPPORTED) {
			return false;
		}
		try {
			String device = device(file);
			String self = Long.toString(pid);
			for (String line : Files.readAllLines(PROC_LOCKS)) {
				// "2: -> FLOCK  ADVISORY  WRITE 4243 fd:01:1234567 0 EOF": waiting for lock 2 (split without a
				// regular expression: this runs while the lock is held, once a turn)
				if (line.indexOf(" -> ") < 0) {
					continue;
				}
				StringTokenizer fields = new StringTokenizer(line);
				String[] head = new String[7];
				for (int i = 0; i < head.length && fields.hasMoreTokens(); i++) {
					head[i] = fields.nextToken();
				}
				if (device.equals(head[6]) && !self.equals(head[5])) {
					return true;
				}
			}
			return false;
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException ex) {
			return false;
		}
	}

	private static String device(Path file) throws IOException {
		long dev = ((Number) Files.getAttribute(file, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
		long ino = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
		return String.format("%02x:%02x:%d", major(dev), minor(dev), ino);
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
