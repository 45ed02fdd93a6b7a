package io.filelock.benchmarks;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * A growing array of samples (nanoseconds), for one thread.
 */
final class Samples {

	private long[] values = new long[1024];

	private int size;

	void add(long value) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = value;
	}

	int size() {
		return this.size;
	}

	LongStream stream() {
		return Arrays.stream(this.values, 0, this.size);
	}

}
