package io.filelock.sample;

import java.util.Arrays;

import io.filelock.sample.demo.CounterBatch;
import io.filelock.sample.demo.DemoRace;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample: a shared counter ({@code POST /counter/increment}) and a single-instance
 * report job, both protected by {@code @FileLocked}.
 * <p>
 * The first argument picks what runs: nothing (the web application), {@code demo} (the
 * race of several processes, see {@link DemoRace}) or {@code batch} (one process of that
 * race, see {@link CounterBatch}).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "";
		String[] rest = (args.length > 0) ? Arrays.copyOfRange(args, 1, args.length) : args;
		switch (command) {
			case "demo" -> System.exit(DemoRace.run(rest));
			case "batch" -> System.exit(CounterBatch.run(rest));
			default -> SpringApplication.run(SampleApplication.class, args);
		}
	}

}
