package io.filelock.engine.postgres;

import java.sql.Connection;
import java.util.List;

import io.filelock.LockBackendKind;
import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The documented key of a name, the same in Java and in SQL, and what a handle of a
 * database lock says about itself.
 */
class AdvisoryKeyTests {

	private static final PostgresServer server = PostgresServer.shared();

	@Test
	void theKeyOfCounterIsTheDocumentedOne() {
		assertThat(AdvisoryKey.keyOf("counter")).isEqualTo(-7808164175789869309L);
	}

	@Test
	void javaAndTheSqlOneLinerAgreeOnEveryName() throws Exception {
		try (Connection connection = new SqlLocks(server).connect()) {
			for (String name : List.of("counter", "report", "account-42", "überweisung", "日本", "🔒", "a b'c;--", "x"
				.repeat(300))) {
				assertThat(SqlLocks.queryLong(connection, "SELECT " + SqlLocks.KEY, name)).as(name)
					.isEqualTo(AdvisoryKey.keyOf(name));
			}
		}
	}

	@Test
	void blankNamesAreRefusedQuoted() {
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> AdvisoryKey.of(" "))
			.withMessage("Invalid lock name ' ': it is empty or blank");
	}

	@Test
	@SuppressWarnings("deprecation") // path() is what is tested
	void aHandleOfADatabaseLockHasNoFileAndSaysWhatItLocks() {
		LockManager manager = LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(server.settings()).build();
		try (LockHandle handle = manager.acquire("counter")) {
			assertThat(handle.file()).isEmpty();
			assertThat(handle.resource()).isEqualTo("PostgreSQL advisory lock -7808164175789869309 ('counter')");
			assertThatIllegalStateException().isThrownBy(handle::path)
				.withMessage("Lock 'counter' is not held on a file but on PostgreSQL advisory lock "
						+ "-7808164175789869309 ('counter'): use LockHandle.file() or LockHandle.resource()");
		}
	}

}
