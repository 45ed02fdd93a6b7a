package io.filelock.benchmarks;

import java.util.Arrays;

/**
 * Percentiles of samples in nanoseconds, reported in milliseconds.
 */
final class Stats {

	private Stats() {
	}

	static double percentileMillis(long[] sortedNanos, double percentile) {
		if (sortedNanos.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
		return millis(sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))]);
	}

	static long[] sorted(long[] nanos) {
		long[] copy = nanos.clone();
		Arrays.sort(copy);
		return copy;
	}

	static double millis(long nanos) {
		return round(nanos / 1_000_000.0, 3);
	}

	/**
	 * The value to {@code digits} decimals; NaN and infinities as they are (not 0, as
	 * {@link Math#round(double)} would make NaN).
	 */
	static double round(double value, int digits) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return value;
		}
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

	static double ratio(double value, double baseline) {
		return round(value / baseline, 2);
	}

}
