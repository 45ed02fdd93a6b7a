package io.filelock.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code /proc/locks} (Linux) to learn which processes hold locks on a file,
 * without touching the file's locks.
 * <p>
 * A read is not cheap for the reader: the kernel takes its lock table's per-CPU semaphore
 * for writing, which waits for an RCU grace period (about 8 ms here when the file had not
 * been read for a few milliseconds). Other processes' lock calls are not held up. So it is
 * read on paths that wait anyway (a timeout's message, the actuator) or off the
 * acquiring thread ({@link TurnWatch}), never by a thread that holds the lock it is about.
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
		return SUPPORTED;
	}

	/**
	 * The holders of locks on {@code file}; empty if there are none, if the file does not
	 * exist or if {@code /proc/locks} cannot be read.
	 */
	public static List<Holder> holders(Path file) {
		List<Holder> holders = new ArrayList<>();
		for (String[] lock : locksOn(file)) {
			if (!lock[1].equals("->") && isNumber(lock[4])) {
				holders.add(new Holder(Long.parseLong(lock[4]), lock[1], lock[3]));
			}
		}
		return holders;
	}

	/**
	 * Whether a process other than {@code pid} waits in the kernel for a lock on
	 * {@code file} (a blocked {@code flock(2)} or {@code fcntl(F_SETLKW)}; processes that
	 * poll are not seen); false if {@code /proc/locks} cannot be read.
	 */
	static boolean othersWaiting(Path file, long pid) {
		String self = Long.toString(pid);
		for (String[] lock : locksOn(file)) {
			if (lock[1].equals("->") && !lock[5].equals(self)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The lines of {@code /proc/locks} about {@code file}, split into fields, a waiter's
	 * with its {@code ->} as the second field. Held: {@code 1: FLOCK ADVISORY WRITE 4242
	 * fd:01:1234567 0 EOF}; waiting for lock 1: {@code 1: -> FLOCK ADVISORY WRITE 4243
	 * fd:01:1234567 0 EOF}. Split without a regular expression: the JVM reads it while it
	 * holds the lock, once a turn.
	 */
	private static List<String[]> locksOn(Path file) {
		if (!SUPPORTED) {
			return List.of();
		}
		try {
			String device = device(file);
			List<String[]> locks = new ArrayList<>();
			for (String line : Files.readAllLines(PROC_LOCKS)) {
				StringTokenizer tokens = new StringTokenizer(line);
				List<String> fields = new ArrayList<>(9);
				while (tokens.hasMoreTokens()) {
					fields.add(tokens.nextToken());
				}
				int deviceField = (fields.size() > 1 && fields.get(1).equals("->")) ? 6 : 5;
				if (fields.size() > deviceField && fields.get(deviceField).equals(device)) {
					locks.add(fields.toArray(String[]::new));
				}
			}
			return locks;
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException ex) {
			return List.of();
		}
	}

	private static boolean isNumber(String field) {
		return !field.isEmpty() && field.chars().allMatch(Character::isDigit);
	}

	private static String device(Path file) throws IOException {
		Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
		long dev = ((Number) attributes.get("dev")).longValue();
		long ino = ((Number) attributes.get("ino")).longValue();
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
