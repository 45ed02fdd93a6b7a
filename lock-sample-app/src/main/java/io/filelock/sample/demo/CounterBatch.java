package io.filelock.sample.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.filelock.LockTimeoutException;
import io.filelock.sample.SampleApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * One process of the demo's race, without a web server: prints {@code READY}, waits for a
 * line on standard input so that every process starts together, does
 * {@code sample.batch.increments} increments of the counter file (through
 * {@code @FileLocked} when {@code sample.batch.locked=true}), printing
 * {@code PROGRESS n} as it goes, then prints one {@link BatchResult} line and exits.
 */
@Component
@Profile("batch")
public class CounterBatch {

	static final String READY = "READY";

	static final String PROGRESS = "PROGRESS ";

	private final BatchIncrements increments;

	private final boolean locked;

	private final int count;

	private final @Nullable Path samplesFile;

	CounterBatch(BatchIncrements increments, @Value("${sample.batch.locked}") boolean locked,
			@Value("${sample.batch.increments}") int count, @Value("${sample.batch.samples-file:}") @Nullable Path samplesFile) {
		if (count < 0) {
			throw new IllegalArgumentException("Invalid sample.batch.increments '" + count + "': must be >= 0");
		}
		this.increments = increments;
		this.locked = locked;
		this.count = count;
		this.samplesFile = samplesFile;
	}

	/**
	 * Runs one batch process with Spring Boot arguments ({@code --sample.batch.locked=true}
	 * …) and returns its exit status.
	 */
	public static int run(String[] args) throws IOException {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("batch")
			.run(args)) {
			return context.getBean(CounterBatch.class).race(System.in, System.out);
		}
	}

	int race(InputStream in, PrintStream out) throws IOException {
		out.println(READY);
		out.flush();
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		if (reader.readLine() == null) {
			return 2;
		}
		int step = Math.max(1, this.count / 20);
		int done = 0;
		int timeouts = 0;
		long start = System.nanoTime();
		for (int i = 1; i <= this.count; i++) {
			if (increment()) {
				done++;
			}
			else {
				timeouts++;
			}
			if (i % step == 0 || i == this.count) {
				out.println(PROGRESS + i);
			}
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		WaitSamples waits = this.increments.waits();
		if (this.samplesFile != null) {
			waits.writeTo(this.samplesFile);
		}
		out.println(new BatchResult(this.locked, this.count, done, timeouts, waits.percentileMicros(50),
				waits.percentileMicros(99), waits.percentileMicros(100), millis)
			.format());
		out.flush();
		return 0;
	}

	private boolean increment() {
		long calledAt = System.nanoTime();
		if (!this.locked) {
			this.increments.unlocked(calledAt);
			return true;
		}
		try {
			this.increments.locked(calledAt);
			return true;
		}
		catch (LockTimeoutException ex) {
			return false;
		}
	}

}
