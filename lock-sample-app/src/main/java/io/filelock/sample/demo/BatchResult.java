package io.filelock.sample.demo;

import java.util.HashMap;
import java.util.Map;

/**
 * The one line a batch process prints when it is done, for example
 * {@code RESULT locked=true increments=1000 done=1000 timeouts=0 wait-p50-us=35 wait-p99-us=4100 wait-max-us=9800 millis=812}.
 *
 * @param locked whether the increments went through {@code @FileLocked}
 * @param increments the increments asked for
 * @param done the increments that ran (the others timed out)
 * @param timeouts the calls that gave up waiting for the lock
 * @param waitP50Micros the median wait for the lock
 * @param waitP99Micros the 99th percentile wait for the lock
 * @param waitMaxMicros the longest wait for the lock
 * @param millis the time the increments took
 */
record BatchResult(boolean locked, int increments, int done, int timeouts, long waitP50Micros, long waitP99Micros,
		long waitMaxMicros, long millis) {

	static final String PREFIX = "RESULT ";

	String format() {
		return PREFIX + "locked=" + this.locked + " increments=" + this.increments + " done=" + this.done
				+ " timeouts=" + this.timeouts + " wait-p50-us=" + this.waitP50Micros + " wait-p99-us="
				+ this.waitP99Micros + " wait-max-us=" + this.waitMaxMicros + " millis=" + this.millis;
	}

	static BatchResult parse(String line) {
		if (!line.startsWith(PREFIX)) {
			throw new IllegalArgumentException("Not a result line: '" + line + "'");
		}
		Map<String, String> values = new HashMap<>();
		for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
			int equals = pair.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("Invalid result line '" + line + "': '" + pair + "' is not key=value");
			}
			values.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		try {
			return new BatchResult(Boolean.parseBoolean(required(values, "locked", line)),
					Integer.parseInt(required(values, "increments", line)),
					Integer.parseInt(required(values, "done", line)),
					Integer.parseInt(required(values, "timeouts", line)),
					Long.parseLong(required(values, "wait-p50-us", line)),
					Long.parseLong(required(values, "wait-p99-us", line)),
					Long.parseLong(required(values, "wait-max-us", line)), Long.parseLong(required(values, "millis", line)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Invalid result line '" + line + "': " + ex.getMessage(), ex);
		}
	}

	private static String required(Map<String, String> values, String key, String line) {
		String value = values.get(key);
		if (value == null) {
			throw new IllegalArgumentException("Invalid result line '" + line + "': no '" + key + "'");
		}
		return value;
	}

}
