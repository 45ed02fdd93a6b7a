package io.filelock.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.filelock.LockMode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ForeignLocks} through the {@code flock(1)} command of util-linux. Tests that use
 * it are skipped, with the reason shown, where the command is missing.
 */
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
public final class FlockCommand implements ForeignLocks {

	private static final boolean INSTALLED = probe();

	private static boolean probe() {
		try {
			Process process = new ProcessBuilder("flock", "--version").redirectErrorStream(true).start();
			process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	public static void assumeInstalled() {
		assumeTrue(INSTALLED, "flock(1) from util-linux is not installed: interop with it is not tested");
	}

	@Override
	public boolean canLock(Path file, LockMode mode) throws Exception {
		assumeInstalled();
		List<String> command = new ArrayList<>(List.of("flock", "-n"));
		if (mode == LockMode.SHARED) {
			command.add("-s");
		}
		command.addAll(List.of(file.toString(), "true"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("flock -n did not return");
		}
		int exit = process.exitValue();
		if (exit != 0 && exit != 1) {
			throw new AssertionError("flock -n " + file + " true exited with " + exit + ": "
					+ new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		return exit == 0;
	}

	@Override
	public Hold hold(Path file) throws Exception {
		assumeInstalled();
		// -o: only flock(1) keeps the descriptor, so the lock goes when it exits
		Process process = new ProcessBuilder("flock", "-o", file.toString(), "-c", "echo locked; exec cat")
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = output.readLine();
		if (!"locked".equals(line)) {
			process.destroyForcibly();
			throw new AssertionError("flock(1) said '" + line + "' instead of 'locked'");
		}
		return () -> {
			process.getOutputStream().close();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		};
	}

}
