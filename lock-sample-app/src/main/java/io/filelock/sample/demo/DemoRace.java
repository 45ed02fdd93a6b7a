package io.filelock.sample.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.filelock.sample.counter.CounterFile;

/**
 * The demo: N processes each make K read-modify-write increments of one counter file,
 * first without a lock, then through {@code @FileLocked}, and a two-line report says how
 * many increments each round kept.
 */
public final class DemoRace {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration RACE_TIMEOUT = Duration.ofMinutes(5);

	private final List<String> batchCommand;

	private final PrintStream out;

	private final boolean console;

	private final String backend;

	private int lastStatusLength;

	DemoRace(List<String> batchCommand, PrintStream out, boolean console) {
		this(batchCommand, out, console, "file");
	}

	/**
	 * @param backend {@code file} or {@code postgres}: the batch processes lock with
	 * {@code file-lock.backend} set to it, and find the server of {@code postgres} in
	 * their {@code file-lock.postgres.*} settings (the environment, or the batch command)
	 */
	DemoRace(List<String> batchCommand, PrintStream out, boolean console, String backend) {
		this.batchCommand = List.copyOf(batchCommand);
		this.out = out;
		this.console = console;
		this.backend = backend;
	}

	/**
	 * Runs the demo with command-line options and returns the exit status: 0 when the
	 * locked round kept every increment.
	 */
	public static int run(String[] args) throws IOException, InterruptedException {
		DemoOptions options;
		try {
			options = DemoOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(DemoOptions.USAGE);
			return 2;
		}
		DemoRace demo = new DemoRace(BatchCommand.current(), System.out, System.console() != null, options.backend());
		Path workDirectory = options.workDirectory();
		if (workDirectory != null) {
			return demo.run(options.processes(), options.increments(), workDirectory).lost() == 0 ? 0 : 1;
		}
		Path temporary = Files.createTempDirectory("file-lock-demo-");
		try {
			return demo.run(options.processes(), options.increments(), temporary).lost() == 0 ? 0 : 1;
		}
		finally {
			deleteRecursively(temporary);
		}
	}

	/**
	 * Runs both rounds, prints the report and returns the locked round.
	 */
	RoundResult run(int processes, int increments, Path workDirectory) throws IOException, InterruptedException {
		this.out.printf(Locale.ROOT, "Racing %d processes x %,d increments of one counter file, in %s%s%n", processes,
				increments, workDirectory, this.backend.equals("postgres")
						? ", locked through PostgreSQL advisory locks at " + postgresUrl() : "");
		RoundResult unlocked = round(false, processes, increments, workDirectory);
		RoundResult locked = round(true, processes, increments, workDirectory);
		this.out.println();
		this.out.println(unlocked.summary());
		this.out.println(locked.summary());
		this.out.flush();
		return locked;
	}

	RoundResult round(boolean locked, int processes, int increments, Path workDirectory)
			throws IOException, InterruptedException {
		Path roundDirectory = Files.createDirectories(workDirectory.resolve(locked ? "with-lock" : "without-lock"));
		CounterFile counter = new CounterFile(roundDirectory.resolve("counter.json"));
		counter.write(0);
		List<Path> samplesFiles = new ArrayList<>();
		List<BatchProcess> batches = new ArrayList<>();
		String label = RoundResult.label(locked);
		try {
			status(label, String.format(Locale.ROOT, "starting %d JVMs ...", processes), !this.console);
			for (int i = 0; i < processes; i++) {
				Path samples = roundDirectory.resolve("waits-" + i + ".txt");
				samplesFiles.add(samples);
				List<String> command = new ArrayList<>(this.batchCommand);
				command.addAll(List.of("--sample.batch.locked=" + locked, "--sample.batch.increments=" + increments,
						"--sample.counter.file=" + counter.path(),
						"--file-lock.directory=" + workDirectory.resolve("locks").toAbsolutePath(),
						"--file-lock.backend=" + this.backend,
						"--sample.batch.samples-file=" + samples.toAbsolutePath()));
				batches.add(BatchProcess.start(command));
			}
			for (BatchProcess batch : batches) {
				batch.awaitReady(READY_TIMEOUT);
			}
			long start = System.nanoTime();
			for (BatchProcess batch : batches) {
				batch.go();
			}
			status(label, "racing ...", !this.console);
			awaitExit(batches, label, processes * increments);
			int done = 0;
			int timeouts = 0;
			for (BatchProcess batch : batches) {
				BatchResult result = batch.awaitResult(RACE_TIMEOUT);
				done += result.done();
				timeouts += result.timeouts();
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			status(label, String.format(Locale.ROOT, "finished in %.1f s", elapsed.toMillis() / 1000.0), true);
			return new RoundResult(locked, processes * increments, done, counter.read(), timeouts,
					WaitSamples.readFrom(samplesFiles), elapsed);
		}
		finally {
			batches.forEach(BatchProcess::close);
		}
	}

	private void awaitExit(List<BatchProcess> batches, String label, int total) throws InterruptedException {
		CompletableFuture<?> all = CompletableFuture
			.allOf(batches.stream().map(BatchProcess::onExit).toArray(CompletableFuture[]::new));
		long deadline = System.nanoTime() + RACE_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				all.get(this.console ? 100 : RACE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			catch (TimeoutException ex) {
				int progress = batches.stream().mapToInt(BatchProcess::progress).sum();
				status(label, String.format(Locale.ROOT, "racing %,d of %,d increments", progress, total), false);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Waiting for the batch processes failed", ex);
			}
		}
	}

	/**
	 * The server of the postgres backend, as the batch processes will find it.
	 */
	private String postgresUrl() {
		for (String arg : this.batchCommand) {
			if (arg.startsWith("--file-lock.postgres.url=")) {
				return arg.substring("--file-lock.postgres.url=".length());
			}
		}
		String url = System.getenv("FILELOCK_POSTGRES_URL");
		return (url != null) ? url : "the URL of file-lock.postgres.url or spring.datasource.url";
	}

	private void status(String label, String text, boolean endOfLine) {
		String line = label + ": " + text;
		if (this.console) {
			String padding = " ".repeat(Math.max(0, this.lastStatusLength - line.length()));
			this.out.print("\r" + line + padding);
			this.lastStatusLength = endOfLine ? 0 : line.length();
			if (endOfLine) {
				this.out.println();
			}
		}
		else if (endOfLine) {
			this.out.println(line);
		}
		this.out.flush();
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
