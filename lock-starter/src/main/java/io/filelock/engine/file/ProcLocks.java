package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringTokenizer;

import io.filelock.spi.LockHolders.HoldingProcess;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code /proc/locks} (Linux) to learn which processes hold or wait for locks on a
 * file, without touching the file's locks.
 * <p>
 * A read is not cheap for the reader: the kernel makes it wait for an RCU grace period.
 * So it is read on paths that wait anyway (a timeout's message, the endpoint) or off the
 * acquiring thread (the engine's turn watch), never by a thread that holds the lock it is
 * about.
 * <p>
 * The kernel lists a lock under the device of the file system's superblock, which is not
 * always the device {@code stat(2)} reports (btrfs subvolumes, overlayfs): a line matches
 * the file when its inode does and its device is either.
 */
final class ProcLocks {

	private static final Path PROC_LOCKS = Path.of("/proc/locks");

	private static final Path MOUNT_INFO = Path.of("/proc/self/mountinfo");

	private static final boolean SUPPORTED = Files.isReadable(PROC_LOCKS);

	private ProcLocks() {
	}

	/**
	 * Whether {@code /proc/locks} can be read here.
	 */
	static boolean isSupported() {
		return SUPPORTED;
	}

	/**
	 * The processes holding locks on {@code file}; empty if there are none, if the file
	 * does not exist or if {@code /proc/locks} cannot be read.
	 */
	static List<HoldingProcess> holders(Path file) {
		List<HoldingProcess> holders = new ArrayList<>();
		for (String[] lock : locksOn(file)) {
			if (!lock[1].equals("->") && isNumber(lock[4])) {
				long pid = Long.parseLong(lock[4]);
				holders.add(new HoldingProcess(pid, lock[1], lock[3], command(pid)));
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
	 * For messages: {@code pid 4242 (flock) FLOCK WRITE}.
	 */
	static String describe(HoldingProcess holder) {
		return "pid " + holder.pid() + ((holder.command() != null) ? " (" + holder.command() + ")" : "") + " "
				+ holder.kind() + " " + holder.access();
	}

	/**
	 * The lines of {@code /proc/locks} about {@code file}, split into fields, a waiter's
	 * with its {@code ->} as the second field. Held: {@code 1: FLOCK ADVISORY WRITE 4242
	 * fd:01:1234567 0 EOF}; waiting for lock 1: {@code 1: -> FLOCK ADVISORY WRITE 4243
	 * fd:01:1234567 0 EOF}. Split without a regular expression.
	 */
	private static List<String[]> locksOn(Path file) {
		if (!SUPPORTED) {
			return List.of();
		}
		try {
			Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
			String inode = ":" + attributes.get("ino");
			Set<String> devices = devices(file, ((Number) attributes.get("dev")).longValue());
			List<String[]> locks = new ArrayList<>();
			for (String line : Files.readAllLines(PROC_LOCKS)) {
				String[] fields = fields(line);
				int deviceField = (fields.length > 1 && fields[1].equals("->")) ? 6 : 5;
				if (fields.length > deviceField && fields[deviceField].endsWith(inode)) {
					String device = fields[deviceField].substring(0, fields[deviceField].length() - inode.length());
					if (devices.contains(device)) {
						locks.add(fields);
					}
				}
			}
			return locks;
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException ex) {
			return List.of();
		}
	}

	/**
	 * The devices {@code /proc/locks} may list the file under, as it prints them
	 * ({@code 00:28}): the one {@code stat} reports, and the superblock's of the mount that
	 * holds the file.
	 */
	private static Set<String> devices(Path file, long statDevice) {
		String stat = format(major(statDevice), minor(statDevice));
		String mount = mountDevice(file);
		return (mount != null && !mount.equals(stat)) ? Set.of(stat, mount) : Set.of(stat);
	}

	/**
	 * The {@code major:minor} of the mount that holds {@code file}, from
	 * {@code /proc/self/mountinfo}, in {@code /proc/locks}'s hexadecimal form; the last
	 * of the mounts with the longest mount point that contains the file's real path.
	 */
	private static @Nullable String mountDevice(Path file) {
		try {
			Path real = file.toRealPath(LinkOption.NOFOLLOW_LINKS);
			String device = null;
			int longest = -1;
			for (String line : Files.readAllLines(MOUNT_INFO)) {
				String[] fields = fields(line);
				if (fields.length < 5) {
					continue;
				}
				Path mountPoint = Path.of(unescape(fields[4]));
				int length = mountPoint.getNameCount();
				if (real.startsWith(mountPoint) && length >= longest) {
					longest = length;
					String[] majorMinor = fields[2].split(":");
					device = format(Long.parseLong(majorMinor[0]), Long.parseLong(majorMinor[1]));
				}
			}
			return device;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Undoes the octal escapes of {@code mountinfo} paths ({@code \040} for a space).
	 */
	private static String unescape(String field) {
		StringBuilder text = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '\\' && i + 3 < field.length()) {
				text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
				i += 3;
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

	private static String[] fields(String line) {
		StringTokenizer tokens = new StringTokenizer(line);
		String[] fields = new String[tokens.countTokens()];
		for (int i = 0; i < fields.length; i++) {
			fields[i] = tokens.nextToken();
		}
		return fields;
	}

	private static String format(long major, long minor) {
		return String.format("%02x:%02x", major, minor);
	}

	private static boolean isNumber(String field) {
		return !field.isEmpty() && field.chars().allMatch(Character::isDigit);
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
