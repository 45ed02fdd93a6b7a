package io.filelock.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process of W3. As {@code holder}: takes the lock, prints {@code held} and
 * waits to be killed. As {@code waiter}: for each {@code acquire} line, prints
 * {@code waiting}, takes the lock, prints {@code acquired <nanoTime>} and releases it.
 * <p>
 * Arguments: role, variant, lock directory.
 */
public final class HandOffWorker {

	/** The lock's name; its file is {@code <directory>/handoff.lock} for every variant. */
	static final String LOCK_NAME = "handoff";

	private HandOffWorker() {
	}

	public static void main(String[] args) throws Exception {
		String role = args[0];
		String variant = args[1];
		Path directory = Path.of(args[2]);
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try (Contender contender = Contender.create(variant, directory, LOCK_NAME, Duration.ofSeconds(60))) {
			if (role.equals("holder")) {
				contender.lock();
				System.out.println("held");
				System.out.flush();
				in.readLine();
				return;
			}
			String command;
			while ((command = in.readLine()) != null && command.equals("acquire")) {
				System.out.println("waiting");
				System.out.flush();
				if (!contender.lock()) {
					System.out.println("timeout");
					System.out.flush();
					continue;
				}
				long acquired = System.nanoTime();
				contender.unlock();
				System.out.println("acquired " + acquired);
				System.out.flush();
			}
		}
	}

}
