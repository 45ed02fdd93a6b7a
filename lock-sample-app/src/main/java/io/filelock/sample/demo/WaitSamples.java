package io.filelock.sample.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How long each call waited for its lock, in nanoseconds.
 */
final class WaitSamples {

	private long[] nanos;

	private int size;

	WaitSamples(int capacity) {
		this.nanos = new long[Math.max(capacity, 1)];
	}

	void record(long waitedNanos) {
		if (this.size == this.nanos.length) {
			this.nanos = Arrays.copyOf(this.nanos, this.size * 2);
		}
		this.nanos[this.size++] = waitedNanos;
	}

	int size() {
		return this.size;
	}

	/**
	 * The nearest-rank percentile in microseconds, 0 without samples.
	 * @param percent between 0 (exclusive) and 100
	 */
	long percentileMicros(double percent) {
		if (this.size == 0) {
			return 0;
		}
		long[] sorted = Arrays.copyOf(this.nanos, this.size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percent / 100 * this.size);
		return sorted[Math.max(rank, 1) - 1] / 1_000;
	}

	void writeTo(Path file) {
		String lines = Arrays.stream(this.nanos, 0, this.size)
			.mapToObj(Long::toString)
			.collect(Collectors.joining("\n", "", "\n"));
		try {
			Files.writeString(file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write wait samples to '" + file + "'", ex);
		}
	}

	/**
	 * Reads and merges the samples files written by {@link #writeTo(Path)}.
	 */
	static WaitSamples readFrom(List<Path> files) {
		WaitSamples samples = new WaitSamples(1024);
		for (Path file : files) {
			try (var lines = Files.lines(file)) {
				lines.filter((line) -> !line.isBlank()).forEach((line) -> samples.record(Long.parseLong(line)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read wait samples from '" + file + "'", ex);
			}
		}
		return samples;
	}

}
