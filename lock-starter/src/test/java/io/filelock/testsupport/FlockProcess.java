package io.filelock.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.filelock.LockMode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code flock(1)} command of util-linux as another process that locks the files of
 * the code under test; the one such helper for the tests of every layer. It holds a file
 * exclusively until closed ({@link #hold}), tries a lock once without waiting
 * ({@link #canLock}), or waits for one in the kernel ({@link #startWaiting}), and stands
 * for the other process of the FLOCK contract tests ({@link #foreignLocks()}). Every wait
 * for it is bounded. Tests that use it are skipped, with the reason shown, where the
 * command is missing.
 */
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
public final class FlockProcess implements ForeignLocks.Hold {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final boolean INSTALLED = probe();

	private static final ForeignLocks FOREIGN_LOCKS = new ForeignLocks() {

		@Override
		public boolean canLock(Path file, LockMode mode) throws Exception {
			return FlockProcess.canLock(file, mode);
		}

		@Override
		public Hold hold(Path file) throws Exception {
			return FlockProcess.hold(file);
		}

	};

	private final Process process;

	private FlockProcess(Process process) {
		this.process = process;
	}

	private static boolean probe() {
		try {
			Process process = new ProcessBuilder("flock", "--version").redirectErrorStream(true).start();
			process.getInputStream().transferTo(OutputStream.nullOutputStream());
			return process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	/**
	 * Skips the test, saying why, where {@code flock(1)} is not installed.
	 */
	public static void assumeInstalled() {
		assumeTrue(INSTALLED, "flock(1) from util-linux is not installed: interop with it is not tested");
	}

	/**
	 * {@link ForeignLocks} through this command, for the contract tests of the FLOCK
	 * strategy.
	 */
	public static ForeignLocks foreignLocks() {
		return FOREIGN_LOCKS;
	}

	/**
	 * Starts {@code flock(1)} on {@code file} (creating its directory) and returns once it
	 * holds the lock exclusively. With {@code -o} its command does not inherit the lock's
	 * descriptor, so only flock(1) holds the lock, {@code /proc/locks} lists its pid, and
	 * the lock is free as soon as {@link #close()} has seen flock(1) itself exit.
	 */
	public static FlockProcess hold(Path file) throws Exception {
		assumeInstalled();
		Files.createDirectories(file.getParent());
		// cat ends when its input is closed: by close(), or by the end of this JVM
		Process process = new ProcessBuilder("flock", "-o", file.toString(), "-c", "echo locked; exec cat")
			.redirectErrorStream(true)
			.start();
		FlockProcess holder = new FlockProcess(process);
		try {
			String line = firstLine(process);
			if (!"locked".equals(line)) {
				throw new AssertionError("flock(1) said '" + line + "' instead of 'locked'");
			}
			return holder;
		}
		catch (Exception | AssertionError ex) {
			holder.close();
			throw ex;
		}
	}

	private static String firstLine(Process process) throws InterruptedException, ExecutionException {
		CompletableFuture<String> line = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try {
				line.complete(process.inputReader(StandardCharsets.UTF_8).readLine());
			}
			catch (IOException ex) {
				line.completeExceptionally(new UncheckedIOException(ex));
			}
		}, "flock-" + process.pid() + "-stdout");
		reader.setDaemon(true);
		reader.start();
		try {
			return line.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("flock(1) did not take the lock within " + PATIENCE);
		}
	}

	/**
	 * One non-blocking attempt of another process, {@code flock -n [-s] file true}: the
	 * lock is released at once.
	 * @return whether it got the lock
	 * @throws AssertionError if flock(1) failed otherwise or did not return in time
	 */
	public static boolean canLock(Path file, LockMode mode) throws Exception {
		assumeInstalled();
		List<String> command = new ArrayList<>(List.of("flock", "-n"));
		if (mode == LockMode.SHARED) {
			command.add("-s");
		}
		command.addAll(List.of(file.toString(), "true"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not return within " + PATIENCE);
		}
		int exit = process.exitValue();
		if (exit != 0 && exit != 1) {
			throw new AssertionError(String.join(" ", command) + " exited with " + exit + ": "
					+ new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		return exit == 0;
	}

	/**
	 * Starts {@code flock -w SECONDS file true}: another process that waits in the kernel
	 * for an exclusive lock, at most {@code timeout}, and lets it go at once. It exits with
	 * 0 if it got the lock, 1 if not; the test waits for it, bounded, itself.
	 */
	public static Process startWaiting(Path file, Duration timeout) throws IOException {
		assumeInstalled();
		String seconds = BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString();
		return new ProcessBuilder("flock", "-w", seconds, file.toString(), "true").start();
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Ends flock(1) and waits until it has exited, which frees the lock; may be called
	 * more than once.
	 */
	@Override
	public void close() throws InterruptedException {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// flock(1) is gone already
		}
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			if (!this.process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
				throw new AssertionError("flock(1) " + pid() + " did not exit within " + PATIENCE);
			}
		}
	}

}
