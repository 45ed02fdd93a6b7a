package io.filelock.sample.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.filelock.testsupport.postgres.PostgresServer;
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

	@Test
	@Timeout(600)
	void lockedRoundOnPostgresKeepsEveryIncrementOfEveryProcess(@TempDir Path directory) throws Exception {
		PostgresServer server = PostgresServer.shared();
		List<String> command = new ArrayList<>(BatchCommand.current());
		command.addAll(List.of("--file-lock.postgres.url=" + server.jdbcUrl(),
				"--file-lock.postgres.username=" + server.username(),
				"--file-lock.postgres.password=" + server.password()));
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		DemoRace race = new DemoRace(command, new PrintStream(output, true, StandardCharsets.UTF_8), false, "postgres");
		RoundResult locked = race.run(2, 100, directory);
		assertThat(locked.kept()).isEqualTo(200);
		assertThat(locked.timeouts()).isZero();
		assertThat(output.toString(StandardCharsets.UTF_8))
			.contains("locked through PostgreSQL advisory locks at " + server.jdbcUrl())
			.contains("with @FileLocked: 200 of 200 increments kept (0 lost)");
		assertThat(directory.resolve("locks")).as("no lock files with the postgres backend").doesNotExist();
	}

}
