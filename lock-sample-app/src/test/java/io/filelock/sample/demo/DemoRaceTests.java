package io.filelock.sample.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's race with real child JVMs. Only the locked round is asserted exactly: the
 * unlocked one may keep every increment by luck.
 */
class DemoRaceTests {

	@Test
	@Timeout(600)
	void lockedRoundKeepsEveryIncrementOfEveryProcess(@TempDir Path directory) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		DemoRace race = new DemoRace(BatchCommand.current(), new PrintStream(output, true, StandardCharsets.UTF_8),
				false);
		RoundResult locked = race.run(2, 100, directory);
		assertThat(locked.locked()).isTrue();
		assertThat(locked.timeouts()).isZero();
		assertThat(locked.done()).isEqualTo(200);
		assertThat(locked.kept()).isEqualTo(200);
		assertThat(locked.waits().size()).isEqualTo(200);
		assertThat(output.toString(StandardCharsets.UTF_8)).contains("without a lock  : ")
			.contains("with @FileLocked: 200 of 200 increments kept (0 lost), wait p50 ");
	}

}
