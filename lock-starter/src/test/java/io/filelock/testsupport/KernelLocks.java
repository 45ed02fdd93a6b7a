package io.filelock.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel says of the locks on a file ({@code /proc/locks}, Linux), read apart
 * from the code under test: the pids of the processes holding one.
 */
public final class KernelLocks {

	private static final Path PROC_LOCKS = Path.of("/proc/locks");

	private KernelLocks() {
	}

	public static boolean isReadable() {
		return Files.isReadable(PROC_LOCKS);
	}

	/**
	 * The pids holding a lock on {@code file} (matched by inode), waiters left out.
	 */
	public static List<Long> holders(Path file) {
		String inode = ":" + inode(file);
		List<Long> pids = new ArrayList<>();
		for (String line : lines(inode)) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length > 5 && !fields[1].equals("->") && fields[5].endsWith(inode)) {
				pids.add(Long.parseLong(fields[4]));
			}
		}
		return pids;
	}

	private static Object inode(Path file) {
		try {
			return Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lines(String inode) {
		try {
			return Files.readAllLines(PROC_LOCKS).stream().filter((line) -> line.contains(inode)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
