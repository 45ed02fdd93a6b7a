package io.filelock.integration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.filelock.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leader election with Spring Integration's {@code LockRegistryLeaderInitiator} on the
 * {@link FileLockRegistry}, between two real processes ({@link LeaderProcess}): one
 * leads while the other stands by, and the other leads as soon as the leader is killed
 * with {@code kill -9} or shuts down.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class LeaderElectionTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	/** The bound on a failover after kill -9. */
	private static final Duration FAILOVER = Duration.ofSeconds(1);

	@TempDir
	Path directory;

	@Test
	void exactlyOneProcessLeadsAndAKillOfTheLeaderHandsLeadershipOverWithinASecond() throws Exception {
		try (ChildJvm first = start(); ChildJvm second = startStandingBy(first)) {
			long killed = System.nanoTime();
			first.kill9();
			second.expect("granted", PATIENCE);
			Duration failover = Duration.ofNanos(System.nanoTime() - killed);
			System.out.println("Leadership moved " + failover.toMillis() + " ms after kill -9 of the leader");
			assertThat(failover).isLessThan(FAILOVER);
			assertThat(ask(second)).isEqualTo("leader true");
		}
	}

	@Test
	void aGracefulShutdownOfTheLeaderHandsLeadershipOver() throws Exception {
		try (ChildJvm first = start(); ChildJvm second = startStandingBy(first)) {
			long stopped = System.nanoTime();
			first.send("stop");
			second.expect("granted", PATIENCE);
			System.out.println("Leadership moved " + Duration.ofNanos(System.nanoTime() - stopped).toMillis()
					+ " ms after the leader began to shut down");
			assertThat(nextLines(first, 2)).containsExactlyInAnyOrder("revoked", "stopped");
			// handed over by the release, not by the end of the process
			assertThat(first.process().isAlive()).isTrue();
			assertThat(ask(second)).isEqualTo("leader true");
		}
	}

	private ChildJvm start() throws Exception {
		ChildJvm leader = ChildJvm.start(LeaderProcess.class, this.directory.toString());
		// the leadership may be granted before the context has finished starting, or after
		assertThat(nextLines(leader, 2)).containsExactlyInAnyOrder("granted", "started");
		return leader;
	}

	/**
	 * Starts a second process once the first leads, and returns once it has failed to
	 * take the lead while the first still leads.
	 */
	private ChildJvm startStandingBy(ChildJvm leader) throws Exception {
		ChildJvm standby = ChildJvm.start(LeaderProcess.class, this.directory.toString());
		assertThat(nextLines(standby, 2)).containsExactlyInAnyOrder("not leader", "started");
		assertThat(ask(standby)).isEqualTo("leader false");
		assertThat(ask(leader)).isEqualTo("leader true");
		return standby;
	}

	private static List<String> nextLines(ChildJvm candidate, int count) throws InterruptedException {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lines.add(candidate.nextLine(PATIENCE));
		}
		return lines;
	}

	private static String ask(ChildJvm candidate) throws InterruptedException {
		candidate.send("leader?");
		return candidate.nextLine(PATIENCE);
	}

}
