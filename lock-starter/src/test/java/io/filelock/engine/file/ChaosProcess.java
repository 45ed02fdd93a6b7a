package io.filelock.engine.file;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.filelock.LockManager;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.TestBackends;

/**
 * A chaos worker, started by {@link ChaosTests} through {@link ChildJvm}:
 * {@code DIR STRATEGY SLOT} increments the {@link ChaosCounter} in DIR under the lock
 * until told to stop. Commands on its input: {@code pause POINT} makes it announce
 * {@code at POINT} the next time it passes that point and wait there for its SIGKILL;
 * {@code stop} makes it finish the increment in hand, say {@code stopped} and exit.
 */
public final class ChaosProcess {

	private static volatile ChaosCounter.Point pauseAt;

	private static volatile boolean stopping;

	private ChaosProcess() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		int slot = Integer.parseInt(args[2]);
		LockManager locks = TestBackends.builder(args[1], directory.resolve("locks"))
			.timeout(Duration.ofMinutes(2))
			.applicationName("chaos-" + slot)
			.build();
		ChaosCounter counter = new ChaosCounter(directory);
		Thread commands = new Thread(ChaosProcess::readCommands, "commands");
		commands.setDaemon(true);
		commands.start();
		say("ready");
		while (!stopping) {
			locks.runWithLock(ChaosCounter.LOCK, () -> {
				try {
					counter.increment(slot, ChaosProcess::pauseIfAsked);
				}
				catch (java.io.IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		say("stopped");
	}

	private static void pauseIfAsked(ChaosCounter.Point point) {
		if (pauseAt == point) {
			say("at " + point);
			try {
				// parked until the supervisor's SIGKILL ends the process
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void readCommands() {
		try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = input.readLine()) != null) {
				if (line.startsWith("pause ")) {
					pauseAt = ChaosCounter.Point.valueOf(line.substring("pause ".length()));
				}
				else if (line.equals("stop")) {
					stopping = true;
				}
			}
		}
		catch (java.io.IOException ex) {
			// the supervisor is gone
		}
		stopping = true;
	}

	private static void say(String line) {
		System.out.println(LockTestProcess.MARK + line);
		System.out.flush();
	}

}
