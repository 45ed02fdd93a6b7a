package io.filelock.engine.postgres;

import java.nio.file.Path;

import io.filelock.LockBackendKind;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.engine.AbstractLockManagerContractTests;
import io.filelock.engine.LockBackend;
import io.filelock.engine.file.CounterRun;
import io.filelock.engine.file.LockTestProcess;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockManagerSettings;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.ForeignLockHolder;
import io.filelock.testsupport.TestBackends;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of every backend, for PostgreSQL advisory locks on a real server, against
 * other sessions of the server and child JVMs.
 */
class PostgresLockManagerTests extends AbstractLockManagerContractTests {

	private static final PostgresServer server = PostgresServer.shared();

	@TempDir
	Path directory;

	@Override
	protected LockManagerBuilder builder() {
		return LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(server.settings());
	}

	@Override
	protected LockBackend backend(LockManagerSettings settings) {
		return PostgresBackend.of(settings);
	}

	@Override
	protected ForeignLockHolder foreign() {
		return new SqlLocks(server);
	}

	@Override
	protected ChildJvm startHolder(String name) throws Exception {
		return ChildJvm.start(LockTestProcess.class, server.childJvmOptions(), "hold", this.directory.toString(), name,
				TestBackends.POSTGRES);
	}

	@Override
	protected int countUnderLock(int processes, int increments) throws Exception {
		return CounterRun.run(this.directory, TestBackends.POSTGRES, server.childJvmOptions(), processes, increments);
	}

	@Override
	protected String foreignHolderPhrase() {
		return "application_name \"sql-locks\"";
	}

	@Override
	protected void assertHeldBy(LockHolders holders, long pid) {
		assertThat(holders.sessions()).filteredOn(LockHolders.HoldingSession::granted)
			.anySatisfy((session) -> assertThat(session.jvm()).isNotNull()
				.satisfies((jvm) -> assertThat(jvm.pid()).isEqualTo(pid)));
	}

}
