package io.filelock.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real read-only file system (an empty tmpfs mounted {@code ro}), because permission
 * bits do not stop root. Skips the test, with the reason shown, where mounting is not
 * permitted.
 */
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
public final class ReadOnlyMount implements AutoCloseable {

	private final Path mountPoint;

	private ReadOnlyMount(Path mountPoint) {
		this.mountPoint = mountPoint;
	}

	public static ReadOnlyMount at(Path mountPoint) throws IOException, InterruptedException {
		Result mount = run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", mountPoint.toString());
		assumeTrue(mount.exit() == 0, () -> "cannot mount a read-only tmpfs here (" + mount.output().strip()
				+ "): read-only file systems are not tested");
		return new ReadOnlyMount(mountPoint);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		Result unmount = run("umount", this.mountPoint.toString());
		if (unmount.exit() != 0) {
			throw new IllegalStateException("umount " + this.mountPoint + " failed: " + unmount.output());
		}
	}

	private static Result run(String... command) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return new Result(-1, ex.getMessage());
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return new Result(-1, command[0] + " did not return");
		}
		return new Result(process.exitValue(), output);
	}

	private record Result(int exit, String output) {
	}

}
