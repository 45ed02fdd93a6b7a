package io.filelock.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A file system a test mounts for itself: an empty read-only tmpfs (permission bits do
 * not stop root), a small tmpfs to fill up, a bind mount of a directory onto itself that
 * the test remounts read-only, a bind mount elsewhere, an overlay, or a FUSE mount. {@link #close()} unmounts it and fails if it cannot;
 * close what keeps files open in it first. Where mounting is not permitted (no root, no
 * CAP_SYS_ADMIN) the test is skipped, with the reason shown.
 */
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
public final class Mount implements AutoCloseable {

	private static final long PATIENCE_SECONDS = 30;

	private final Path path;

	private boolean mounted = true;

	private Mount(Path path) {
		this.path = path;
	}

	/**
	 * Mounts an empty tmpfs read-only at {@code mountPoint}, creating the directory.
	 */
	public static Mount readOnlyTmpfs(Path mountPoint) throws IOException, InterruptedException {
		return tmpfs(mountPoint, "ro,size=1m");
	}

	/**
	 * Mounts an empty tmpfs with {@code options} (such as {@code size=64k,nr_inodes=64})
	 * at {@code mountPoint}, creating the directory.
	 */
	public static Mount tmpfs(Path mountPoint, String options) throws IOException, InterruptedException {
		Files.createDirectories(mountPoint);
		assumePermitted(run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint.toString()));
		return new Mount(mountPoint);
	}

	/**
	 * Bind-mounts {@code directory} onto itself, writable, so that it can be remounted
	 * read-only with its files in place.
	 */
	public static Mount bind(Path directory) throws IOException, InterruptedException {
		assumePermitted(run("mount", "--bind", directory.toString(), directory.toString()));
		return new Mount(directory);
	}

	/**
	 * Bind-mounts {@code source} at {@code mountPoint}, creating the directory.
	 */
	public static Mount bind(Path source, Path mountPoint) throws IOException, InterruptedException {
		Files.createDirectories(mountPoint);
		assumePermitted(run("mount", "--bind", source.toString(), mountPoint.toString()));
		return new Mount(mountPoint);
	}

	/**
	 * Runs a FUSE daemon's {@code command}, which mounts at {@code mountPoint} (created
	 * here) and returns once mounted. Skips the test, saying why, where {@code /dev/fuse}
	 * or the program is missing, or mounting is not permitted.
	 */
	public static Mount fuse(Path mountPoint, String... command) throws IOException, InterruptedException {
		assumeTrue(Files.isWritable(Path.of("/dev/fuse")),
				"/dev/fuse is missing or not writable here: the test needs a FUSE mount and is not run");
		assumeTrue(onPath(command[0]), () -> command[0] + " is not installed (Debian: apt-get install " + command[0]
				+ " fuse3): the test needs a FUSE mount and is not run");
		Files.createDirectories(mountPoint);
		assumePermitted(run(command));
		return new Mount(mountPoint);
	}

	private static boolean onPath(String program) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Mounts an overlay of {@code lower} and {@code upper} (with {@code work}, all
	 * existing directories) at {@code mountPoint}, creating the directory.
	 */
	public static Mount overlay(Path lower, Path upper, Path work, Path mountPoint)
			throws IOException, InterruptedException {
		Files.createDirectories(mountPoint);
		assumePermitted(run("mount", "-t", "overlay", "overlay", "-o",
				"lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work, mountPoint.toString()));
		return new Mount(mountPoint);
	}

	public Path path() {
		return this.path;
	}

	/**
	 * Remounts a {@link #bind} mount read-only; skips the test where that is not
	 * permitted. Files open for writing in it keep it from going read-only.
	 */
	public void remountReadOnly() throws IOException, InterruptedException {
		assumePermitted(run("mount", "-o", "remount,bind,ro", this.path.toString()));
	}

	/**
	 * Remounts a {@link #bind} mount writable again.
	 * @throws AssertionError if that fails
	 */
	public void remountWritable() throws IOException, InterruptedException {
		run("mount", "-o", "remount,bind,rw", this.path.toString()).assertSucceeded();
	}

	/**
	 * Unmounts; may be called more than once.
	 * @throws AssertionError if umount fails (a file open in the mount keeps it busy)
	 */
	@Override
	public void close() throws IOException, InterruptedException {
		if (this.mounted) {
			run("umount", this.path.toString()).assertSucceeded();
			this.mounted = false;
		}
	}

	private static void assumePermitted(Result result) {
		assumeTrue(result.exit() == 0, () -> "not permitted here: " + result
				+ ": the test needs a file system of its own and is not run");
	}

	private static Result run(String... command) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return new Result(List.of(command), -1, ex.getMessage());
		}
		// the output of mount(8) is a line or two: it fits the pipe while we wait
		if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not return within " + PATIENCE_SECONDS + " s");
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Result(List.of(command), process.exitValue(), output.strip());
	}

	private record Result(List<String> command, int exit, String output) {

		void assertSucceeded() {
			if (this.exit != 0) {
				throw new AssertionError(this);
			}
		}

		@Override
		public String toString() {
			return String.join(" ", this.command) + " (exit " + this.exit + "): " + this.output;
		}

	}

}
