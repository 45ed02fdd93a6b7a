package io.filelock.engine.file.scope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real mounts made for one test under a fresh temporary directory, all unmounted (in reverse
 * order, lazily if busy) and the directory deleted on {@link #close()}, also after a failure.
 * Needs root (or CAP_SYS_ADMIN) and the {@code mount} program.
 */
final class Mounts implements AutoCloseable {

	final Path base;

	private final Deque<Path> mounted = new ArrayDeque<>();

	Mounts() throws IOException {
		this.base = Files.createTempDirectory("mount-scope-").toRealPath();
	}

	/** Why this process cannot mount, or null if a tmpfs mount and unmount just worked. */
	static String whyMountingIsNotPermitted() {
		if (!System.getProperty("os.name", "").startsWith("Linux")) {
			return "mounting is only tried on Linux, not on " + System.getProperty("os.name");
		}
		try (Mounts mounts = new Mounts()) {
			mounts.tmpfs(mounts.base.resolve("probe"), "64k");
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return "cannot mount here (needs root or CAP_SYS_ADMIN and the mount program): " + ex.getMessage();
		}
	}

	/** Mounts a tmpfs of {@code size} at {@code at}, creating the directory. */
	Path tmpfs(Path at, String size) throws IOException {
		return mount(at, "-t", "tmpfs", "-o", "size=" + size, "tmpfs");
	}

	/** Runs {@code mount ARGS... at} and remembers {@code at} for unmounting. */
	Path mount(Path at, String... args) throws IOException {
		Files.createDirectories(at);
		List<String> command = new ArrayList<>(List.of("mount"));
		command.addAll(List.of(args));
		command.add(at.toString());
		run(command);
		this.mounted.push(at);
		return at;
	}

	/** Runs a FUSE daemon command that mounts at {@code at} and returns once mounted. */
	Path fuse(Path at, String... command) throws IOException {
		Files.createDirectories(at);
		run(List.of(command));
		this.mounted.push(at);
		return at;
	}

	static String run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException(String.join(" ", command) + " did not finish in 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		if (process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
		}
		return output;
	}

	@Override
	public void close() throws IOException {
		while (!this.mounted.isEmpty()) {
			unmount(this.mounted.pop());
		}
		String table = MountInfoSource.proc().read();
		if (table.contains(" " + this.base + "/")) {
			System.err.println("WARNING: mounts under " + this.base + " remain; not deleting it");
			return;
		}
		try (Stream<Path> paths = Files.walk(this.base)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static void unmount(Path at) {
		for (List<String> command : List.of(List.of("umount", at.toString()),
				List.of("fusermount3", "-u", at.toString()), List.of("umount", "-l", at.toString()))) {
			try {
				run(command);
				return;
			}
			catch (IOException ex) {
				System.err.println("unmounting " + at + ": " + ex.getMessage());
			}
		}
	}

}
