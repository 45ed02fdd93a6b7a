package io.filelock.engine.postgres;

import java.util.List;

import io.filelock.engine.HostName;
import io.filelock.spi.LockHolders.HoldingSession;
import io.filelock.spi.LockHolders.SessionOwner;
import io.filelock.spi.LockHolders.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state of a PostgreSQL lock, as the endpoint and the messages report it, from the
 * sessions that {@code pg_locks} lists: only granted sessions hold it, and a lock
 * manager's session says whose it is in its {@code application_name}.
 */
class AdvisoryHoldersTests {

	private static final long PID = ProcessHandle.current().pid();

	@Test
	void onlyWaitingSessionsMeanNotHeld() {
		assertThat(AdvisoryHolders.state(List.of())).isEqualTo(State.NOT_HELD);
		assertThat(AdvisoryHolders.state(List.of(session(false, new SessionOwner(PID, HostName.local(), null)))))
			.isEqualTo(State.NOT_HELD);
	}

	@Test
	void aGrantedSessionOfThisJvmIsThisProcess() {
		assertThat(AdvisoryHolders.state(List.of(session(true, new SessionOwner(PID, HostName.local(), "app")))))
			.isEqualTo(State.HELD_BY_THIS_PROCESS);
	}

	@Test
	void aGrantedSessionOfAnotherJvmIsALockManagerAndAPlainSessionAnotherProgram() {
		assertThat(AdvisoryHolders.state(List.of(session(true, new SessionOwner(PID, "another-host", null)))))
			.isEqualTo(State.HELD_BY_LOCK_MANAGER);
		assertThat(AdvisoryHolders.state(List.of(session(true, null)))).isEqualTo(State.HELD_BY_OTHER_PROGRAM);
	}

	private static HoldingSession session(boolean granted, SessionOwner jvm) {
		return new HoldingSession(4711, "WRITE", granted, (jvm != null) ? "file-lock pid=" + jvm.pid() : "psql",
				"127.0.0.1", null, jvm);
	}

}
