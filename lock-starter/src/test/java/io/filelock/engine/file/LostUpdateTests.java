package io.filelock.engine.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control of the counting test: without the lock, the same processes lose updates.
 * If a run happens to keep every increment, it is repeated a few times; it must still
 * be able to fail.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LostUpdateTests {

	private static final int PROCESSES = 3;

	private static final int INCREMENTS = 400;

	private static final int ROUNDS = 3;

	@TempDir
	Path directory;

	@Test
	void processesCountingWithoutTheLockLoseUpdates() throws Exception {
		int expected = PROCESSES * INCREMENTS;
		List<Integer> counts = new ArrayList<>();
		for (int round = 1; round <= ROUNDS; round++) {
			int count = CounterRun.run(this.directory.resolve("round-" + round), "NONE", PROCESSES, INCREMENTS);
			counts.add(count);
			System.out.println("Without the lock, round " + round + ": the counter kept " + count + " of " + expected
					+ " increments");
			if (count < expected) {
				break;
			}
		}
		assertThat(counts.get(counts.size() - 1)).as("final counts of the unlocked rounds %s", counts)
			.isLessThan(expected);
	}

}
