package io.filelock.shedlock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.filelock.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real processes ({@link SchedulerLockProcess}) schedule the same
 * {@code @Scheduled @SchedulerLock} job every other second on the {@link FileLockProvider}:
 * each trigger runs in exactly one of them, and the other skips it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class SchedulerLockTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final int TRIGGERS = 3;

	@TempDir
	Path directory;

	@Test
	void eachTriggerRunsInExactlyOneProcess() throws Exception {
		try (ChildJvm first = ChildJvm.start(SchedulerLockProcess.class, this.directory.toString());
				ChildJvm second = ChildJvm.start(SchedulerLockProcess.class, this.directory.toString())) {
			long bothStarted = Math.max(startedAt(first), startedAt(second));
			// the triggers after both had started, each with what each process did at it
			Map<Long, List<String>> triggers = new TreeMap<>();
			record(first, "first", bothStarted, triggers);
			record(second, "second", bothStarted, triggers);
			assertThat(triggers).hasSize(TRIGGERS);
			triggers.forEach((trigger, outcomes) -> assertThat(outcomes).as("trigger at second %d", trigger)
				.containsAnyOf("first ran", "second ran")
				.containsAnyOf("first skipped", "second skipped")
				.hasSize(2));
		}
	}

	/**
	 * Reads the lines of a process until it has said what it did at each of the
	 * {@link #TRIGGERS} triggers after {@code bothStarted}.
	 */
	private static void record(ChildJvm process, String name, long bothStarted, Map<Long, List<String>> triggers)
			throws InterruptedException {
		Map<Long, String> seen = new HashMap<>();
		while (seen.size() < TRIGGERS) {
			String[] line = process.nextLine(PATIENCE).split(" ");
			long second = Long.parseLong(line[1]);
			if (second > bothStarted && second <= bothStarted + 2 * TRIGGERS) {
				seen.put(second, name + " " + line[0]);
			}
		}
		seen.forEach((second, outcome) -> triggers.computeIfAbsent(second, (key) -> new ArrayList<>()).add(outcome));
	}

	private static long startedAt(ChildJvm process) throws InterruptedException {
		String line;
		do {
			line = process.nextLine(PATIENCE);
		}
		while (!line.equals("started"));
		return SchedulerLockProcess.triggerSecond();
	}

}
