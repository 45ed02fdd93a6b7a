package io.filelock.engine.file;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerRecordWriterTests {

	private final OwnerRecordWriter writer = new OwnerRecordWriter(4242, "build-01", "billing");

	@Test
	void recordIsOneLineOfTheFixedSizeThatParsesBack() {
		long millis = Instant.parse("2026-11-23T10:15:30.123Z").toEpochMilli();
		byte[] record = this.writer.recordOf(Thread.currentThread(), millis);
		String text = new String(record, StandardCharsets.UTF_8);
		assertThat(record).hasSize(OwnerRecordWriter.SIZE);
		assertThat(text).startsWith("pid=4242 host=\"build-01\" thread=\"" + Thread.currentThread().getName()
				+ "\" acquired=2026-11-23T10:15:30.123Z app=\"billing\" ")
			.endsWith(" \n");
		OwnerRecord parsed = OwnerRecord.parse(text);
		assertThat(parsed).isEqualTo(new OwnerRecord(4242, "build-01", Thread.currentThread().getName(),
				Instant.ofEpochMilli(millis), "billing"));
	}

	@Test
	void timestampsMatchTheJdkFormat() {
		SplittableRandom random = new SplittableRandom(7);
		DateTimeFormatter jdk = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
		for (int i = 0; i < 10_000; i++) {
			// from 1970 to 2200, and runs within one second
			long millis = (i % 2 == 0) ? random.nextLong(0, 7_258_118_400_000L) : 1_700_000_000_000L + i;
			String text = new String(this.writer.recordOf(Thread.currentThread(), millis), StandardCharsets.UTF_8);
			assertThat(text).contains(" acquired=" + jdk.format(Instant.ofEpochMilli(millis)) + " ");
			OwnerRecord parsed = OwnerRecord.parse(text);
			assertThat(parsed).isNotNull();
			assertThat(parsed.acquiredAt().toEpochMilli()).isEqualTo(millis);
		}
	}

	@Test
	void yearsBeyondFourDigitsAreStillWritten() {
		long millis = Instant.parse("+12026-01-01T00:00:00Z").toEpochMilli();
		OwnerRecord parsed = OwnerRecord
			.parse(new String(this.writer.recordOf(Thread.currentThread(), millis), StandardCharsets.UTF_8));
		assertThat(parsed).isNotNull();
		assertThat(parsed.acquiredAt()).isEqualTo(Instant.ofEpochMilli(millis));
	}

	@Test
	void aRenamedThreadIsRecordedUnderItsNewName() throws Exception {
		Thread thread = new Thread(() -> {
		}, "before");
		assertThat(text(thread)).contains("thread=\"before\"");
		thread.setName("after");
		assertThat(text(thread)).contains("thread=\"after\"");
	}

	@Test
	void longNamesAreShortenedToFit() {
		String host = "h".repeat(300);
		String thread = "\u00e9\"".repeat(200);
		String app = "\uD83D\uDE00".repeat(100);
		OwnerRecordWriter longNames = new OwnerRecordWriter(Long.MAX_VALUE, host, app);
		Thread named = new Thread(() -> {
		}, thread);
		byte[] record = longNames.recordOf(named, 0);
		assertThat(record).hasSize(OwnerRecordWriter.SIZE);
		OwnerRecord parsed = OwnerRecord.parse(new String(record, StandardCharsets.UTF_8));
		assertThat(parsed).isNotNull();
		assertThat(parsed.pid()).isEqualTo(Long.MAX_VALUE);
		assertThat(parsed.host()).startsWith("hhhh").endsWith("\u2026");
		assertThat(thread).startsWith(parsed.thread().substring(0, parsed.thread().length() - 1));
		assertThat(parsed.application()).startsWith("\uD83D\uDE00").endsWith("\u2026");
		assertThat(parsed.acquiredAt()).isEqualTo(Instant.EPOCH);
	}

	private String text(Thread thread) {
		return new String(this.writer.recordOf(thread, 0), StandardCharsets.UTF_8);
	}

}
