package io.filelock.sample.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A child JVM running {@link CounterBatch}, seen through its output: whether it is ready,
 * how far it got, and its result line.
 */
final class BatchProcess implements AutoCloseable {

	private static final int TAIL_LINES = 30;

	private final Process process;

	private final Thread reader;

	private final CountDownLatch readyOrGone = new CountDownLatch(1);

	private final AtomicInteger progress = new AtomicInteger();

	private final Deque<String> tail = new ArrayDeque<>();

	private volatile boolean ready;

	private volatile @Nullable BatchResult result;

	private BatchProcess(Process process) {
		this.process = process;
		this.reader = new Thread(this::readOutput, "batch-" + process.pid());
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static BatchProcess start(List<String> command) throws IOException {
		return new BatchProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	private void readOutput() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				accept(line);
			}
		}
		catch (IOException ex) {
			remember("(output unreadable: " + ex + ")");
		}
		finally {
			this.readyOrGone.countDown();
		}
	}

	private void accept(String line) {
		if (line.equals(CounterBatch.READY)) {
			this.ready = true;
			this.readyOrGone.countDown();
		}
		else if (line.startsWith(CounterBatch.PROGRESS)) {
			this.progress.set(Integer.parseInt(line.substring(CounterBatch.PROGRESS.length()).trim()));
		}
		else if (line.startsWith(BatchResult.PREFIX)) {
			this.result = BatchResult.parse(line);
		}
		else {
			remember(line);
		}
	}

	private void remember(String line) {
		synchronized (this.tail) {
			if (this.tail.size() == TAIL_LINES) {
				this.tail.removeFirst();
			}
			this.tail.addLast(line);
		}
	}

	/**
	 * Waits until the process is ready to start.
	 * @throws IllegalStateException if it exits or does not get ready in time
	 */
	void awaitReady(Duration timeout) throws InterruptedException {
		if (!this.readyOrGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw failure("was not ready after " + timeout.toSeconds() + " s");
		}
		if (!this.ready) {
			throw failure("exited before it was ready");
		}
	}

	void go() throws IOException {
		OutputStream in = this.process.getOutputStream();
		in.write('\n');
		in.flush();
	}

	CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	int progress() {
		return this.progress.get();
	}

	/**
	 * Waits for the process to exit and returns its result.
	 * @throws IllegalStateException if it fails, prints no result or runs too long
	 */
	BatchResult awaitResult(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw failure("was still running after " + timeout.toSeconds() + " s");
		}
		this.reader.join(timeout.toMillis());
		BatchResult result = this.result;
		if (this.process.exitValue() != 0 || result == null) {
			throw failure("exited with status " + this.process.exitValue() + " and no result");
		}
		return result;
	}

	private IllegalStateException failure(String what) {
		String output;
		synchronized (this.tail) {
			output = String.join(System.lineSeparator() + "    ", this.tail);
		}
		return new IllegalStateException(
				"Batch process " + this.process.pid() + " " + what + "; its last output:" + System.lineSeparator()
						+ "    " + output);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

}
