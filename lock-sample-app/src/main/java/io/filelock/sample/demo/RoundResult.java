package io.filelock.sample.demo;

import java.time.Duration;
import java.util.Locale;

/**
 * What one round of the race left behind.
 *
 * @param locked whether the processes used {@code @FileLocked}
 * @param attempted the increments all processes attempted
 * @param done the increments that ran (the others timed out waiting for the lock)
 * @param kept the count the counter file holds at the end
 * @param timeouts the calls that gave up waiting for the lock
 * @param waits every call's wait for the lock
 * @param elapsed how long the processes took, from the start signal to the last exit
 */
record RoundResult(boolean locked, int attempted, int done, long kept, int timeouts, WaitSamples waits,
		Duration elapsed) {

	/**
	 * Increments that ran but are missing from the file: overwritten by another process.
	 */
	long lost() {
		return this.done - this.kept;
	}

	/**
	 * The line a person reads, e.g.
	 * {@code with @FileLocked: 4,000 of 4,000 increments kept (0 lost), wait p50 0.4 ms, p99 6.1 ms, 0 timeouts}.
	 */
	String summary() {
		StringBuilder line = new StringBuilder(label(this.locked)).append(": ")
			.append(format("%,d of %,d increments kept (%,d lost)", this.kept, this.attempted, lost()));
		if (this.locked) {
			line.append(", wait p50 ")
				.append(millis(this.waits.percentileMicros(50)))
				.append(", p99 ")
				.append(millis(this.waits.percentileMicros(99)))
				.append(format(", %,d timeout%s", this.timeouts, (this.timeouts != 1) ? "s" : ""));
		}
		return line.toString();
	}

	static String label(boolean locked) {
		return locked ? "with @FileLocked" : "without a lock  ";
	}

	static String millis(long micros) {
		if (micros < 1_000) {
			return format("%.2f ms", micros / 1_000.0);
		}
		if (micros < 10_000) {
			return format("%.1f ms", micros / 1_000.0);
		}
		return format("%,d ms", Math.round(micros / 1_000.0));
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
