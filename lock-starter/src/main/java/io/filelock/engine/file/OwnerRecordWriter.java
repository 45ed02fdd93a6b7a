package io.filelock.engine.file;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Writes {@link OwnerRecord owner records} as a manager takes locks: always
 * {@link #SIZE} bytes (the line padded with spaces, then a newline), so that each record
 * covers the last one exactly (see {@link OpenLockFile#writeRecord}). Host, thread and application names that would not fit are shortened with an
 * ellipsis. A thread's record is kept between acquisitions and only its timestamp is
 * rewritten, so a record costs no formatting on the path of an acquisition.
 */
final class OwnerRecordWriter {

	/**
	 * The size of every record.
	 */
	static final int SIZE = 256;

	private static final int TIMESTAMP_LENGTH = "2026-11-23T10:15:30.123Z".length();

	private static final int[] FIELD_LIMITS = { Integer.MAX_VALUE, 64, 32, 16, 8, 4 };

	private static volatile Second lastSecond = new Second(Long.MIN_VALUE, new byte[0]);

	private final long pid;

	private final String host;

	private final @Nullable String application;

	private final ThreadLocal<Template> templates = new ThreadLocal<>();

	OwnerRecordWriter(long pid, String host, @Nullable String application) {
		this.pid = pid;
		this.host = host;
		this.application = application;
	}

	/**
	 * The record of {@code thread} taking a lock at {@code epochMillis}. The array is the
	 * thread's own and is overwritten by its next call: write it before then.
	 */
	byte[] recordOf(Thread thread, long epochMillis) {
		String threadName = thread.getName();
		Template template = this.templates.get();
		if (template == null || template.threadName != threadName) {
			template = layOut(this.pid, this.host, threadName, this.application, "0".repeat(TIMESTAMP_LENGTH));
			this.templates.set(template);
		}
		if (!writeTimestamp(epochMillis, template.bytes, template.timestampOffset)) {
			// a year beyond 0000-9999 has no fixed width: format the whole record once
			return format(this.pid, this.host, threadName, this.application,
					java.time.Instant.ofEpochMilli(epochMillis).toString());
		}
		return template.bytes;
	}

	/**
	 * The whole record, with names shortened until the line fits.
	 */
	static byte[] format(long pid, String host, String thread, @Nullable String application, String acquired) {
		return layOut(pid, host, thread, application, acquired).bytes;
	}

	private static Template layOut(long pid, String host, String thread, @Nullable String application,
			String acquired) {
		for (int limit : FIELD_LIMITS) {
			StringBuilder line = new StringBuilder(SIZE);
			line.append("pid=").append(pid);
			line.append(" host=").append(OwnerRecord.quote(shorten(host, limit)));
			line.append(" thread=").append(OwnerRecord.quote(shorten(thread, limit)));
			line.append(" acquired=");
			int timestampOffset = line.toString().getBytes(StandardCharsets.UTF_8).length;
			line.append(acquired);
			if (application != null) {
				line.append(" app=").append(OwnerRecord.quote(shorten(application, limit)));
			}
			byte[] text = line.toString().getBytes(StandardCharsets.UTF_8);
			if (text.length < SIZE) {
				byte[] record = Arrays.copyOf(text, SIZE);
				Arrays.fill(record, text.length, SIZE - 1, (byte) ' ');
				record[SIZE - 1] = '\n';
				return new Template(thread, record, timestampOffset);
			}
		}
		throw new IllegalStateException("owner record does not fit in " + SIZE + " bytes");
	}

	private static String shorten(String value, int codePoints) {
		if (value.codePointCount(0, value.length()) <= codePoints) {
			return value;
		}
		return value.substring(0, value.offsetByCodePoints(0, codePoints)) + "\u2026";
	}

	/**
	 * Writes {@code epochMillis} as {@code 2026-11-23T10:15:30.123Z} at {@code offset}.
	 * @return false if the year is outside 0000-9999 (nothing is written then)
	 */
	static boolean writeTimestamp(long epochMillis, byte[] target, int offset) {
		long epochSecond = Math.floorDiv(epochMillis, 1000);
		int millis = (int) Math.floorMod(epochMillis, 1000);
		Second second = lastSecond;
		if (second.epochSecond != epochSecond) {
			LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
			if (time.getYear() < 0 || time.getYear() > 9999) {
				return false;
			}
			byte[] text = new byte[19];
			digits(text, 0, time.getYear(), 4);
			text[4] = '-';
			digits(text, 5, time.getMonthValue(), 2);
			text[7] = '-';
			digits(text, 8, time.getDayOfMonth(), 2);
			text[10] = 'T';
			digits(text, 11, time.getHour(), 2);
			text[13] = ':';
			digits(text, 14, time.getMinute(), 2);
			text[16] = ':';
			digits(text, 17, time.getSecond(), 2);
			second = new Second(epochSecond, text);
			lastSecond = second;
		}
		System.arraycopy(second.text, 0, target, offset, 19);
		target[offset + 19] = '.';
		digits(target, offset + 20, millis, 3);
		target[offset + 23] = 'Z';
		return true;
	}

	private static void digits(byte[] target, int offset, int value, int width) {
		for (int i = offset + width - 1; i >= offset; i--) {
			target[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
	}

	/**
	 * A thread's record with a slot for the timestamp.
	 */
	private static final class Template {

		final String threadName;

		final byte[] bytes;

		final int timestampOffset;

		Template(String threadName, byte[] bytes, int timestampOffset) {
			this.threadName = threadName;
			this.bytes = bytes;
			this.timestampOffset = timestampOffset;
		}

	}

	/**
	 * The date and time of one second, formatted once for every record written in it.
	 */
	private record Second(long epochSecond, byte[] text) {
	}

}
