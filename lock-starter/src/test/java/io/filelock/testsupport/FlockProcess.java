package io.filelock.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code flock(1)} process that holds an exclusive lock on a file until closed;
 * shared by the tests of every layer that need a holder outside this JVM.
 */
public final class FlockProcess implements AutoCloseable {

	private final Process process;

	private FlockProcess(Process process) {
		this.process = process;
	}

	/**
	 * Starts {@code flock(1)} on {@code file} and returns once it holds the lock. With
	 * {@code -o} its command does not inherit the lock's descriptor, so the lock is free
	 * as soon as {@link #close()} has seen flock(1) itself exit.
	 */
	public static FlockProcess hold(Path file) throws Exception {
		Files.createDirectories(file.getParent());
		Process process = new ProcessBuilder("flock", "-o", file.toString(), "-c", "echo locked; exec sleep 120")
			.redirectErrorStream(true)
			.start();
		FlockProcess holder = new FlockProcess(process);
		try {
			String line = CompletableFuture.supplyAsync(() -> readLine(process)).get(30, TimeUnit.SECONDS);
			assertThat(line).isEqualTo("locked");
			return holder;
		}
		catch (Exception | AssertionError ex) {
			holder.close();
			throw ex;
		}
	}

	private static String readLine(Process process) {
		try {
			return process.inputReader().readLine();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	public long pid() {
		return this.process.pid();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
	}

}
