package io.filelock.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external program to completion within a time limit.
 *
 * <p>Contract: the program gets an empty standard input, the caller's environment without any
 * {@code PG*} variable (so a developer's PGHOST, PGPORT or PGDATA cannot redirect it) plus the
 * given variables, and its output goes to files rather than pipes, so that a daemon it leaves
 * behind (the postmaster that {@code pg_ctl start} forks) cannot keep the call waiting. A program
 * still running at the time limit is killed with its descendants and the call throws.
 */
final class ProcessRunner {

	private ProcessRunner() {
	}

	static ProcessResult run(List<String> command, Map<String, String> environment, Path workingDirectory,
			Duration timeout) {
		Path stdout = null;
		Path stderr = null;
		try {
			stdout = Files.createTempFile("file-lock-pg-cmd", ".out");
			stderr = Files.createTempFile("file-lock-pg-cmd", ".err");
			ProcessBuilder builder = new ProcessBuilder(command)
					.directory(workingDirectory.toFile())
					.redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile());
			builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
			builder.environment().putAll(environment);
			Process process = builder.start();
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				process.waitFor(5, TimeUnit.SECONDS);
				throw new IllegalStateException(command.get(0) + " did not finish within " + timeout.toSeconds()
						+ " s and was killed; command: " + command + "; output so far: " + read(stdout) + read(stderr));
			}
			return new ProcessResult(process.exitValue(), read(stdout), read(stderr));
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not run " + command, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + command, e);
		}
		finally {
			deleteQuietly(stdout);
			deleteQuietly(stderr);
		}
	}

	private static String read(Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip(); // bad bytes become U+FFFD
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ignored) {
				// a leftover temp file is harmless
			}
		}
	}
}
