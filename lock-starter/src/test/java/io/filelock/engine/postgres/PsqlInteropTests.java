package io.filelock.engine.postgres;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.filelock.LockBackendKind;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.testsupport.postgres.PostgresServer;
import io.filelock.testsupport.postgres.ProcessResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@code psql} takes the same lock with the documented key one-liner: a lock it
 * holds keeps the starter out, naming the psql session, and a lock the starter holds keeps
 * psql out. Skipped, saying why, where no psql client is installed (CI installs Debian's
 * postgresql-client).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PsqlInteropTests {

	private static final PostgresServer server = PostgresServer.shared();

	@BeforeAll
	static void psqlInstalled() {
		assumeTrue(server.binaries().psql().isPresent(), () -> "no psql client on this machine (Debian: apt-get "
				+ "install postgresql-client); the psql interop tests need the real program");
	}

	@Test
	void aLockPsqlHoldsTimesOutTheStarterNamingThePsqlSession() throws Exception {
		LockManager manager = LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(server.settings()).build();
		Process psql = server.psqlSession().start();
		try (PrintWriter in = new PrintWriter(psql.getOutputStream(), true, StandardCharsets.UTF_8);
				BufferedReader out = new BufferedReader(new InputStreamReader(psql.getInputStream(), StandardCharsets.UTF_8))) {
			in.println("SELECT pg_backend_pid();");
			in.println("SELECT pg_advisory_lock(" + key("nightly") + ");");
			in.println("\\echo locked");
			String pid = out.readLine();
			assertThat(out.readLine()).as("pg_advisory_lock returns void: an empty row").isEmpty();
			assertThat(out.readLine()).isEqualTo("locked");
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("nightly", LockMode.EXCLUSIVE, Duration.ofMillis(300)))
				.withMessageContaining("held by PostgreSQL session " + pid + " (application_name \"psql\", client 127.0.0.1");
			in.close();
			assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			psql.destroyForcibly();
		}
		try (LockHandle handle = manager.acquire("nightly", LockMode.EXCLUSIVE, Duration.ofSeconds(10))) {
			assertThat(handle.isValid()).isTrue();
		}
	}

	@Test
	void aLockTheStarterHoldsKeepsPsqlOut() {
		LockManager manager = LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(server.settings()).build();
		try (LockHandle handle = manager.acquire("counter")) {
			ProcessResult tried = server.psql("-tAc", "SELECT pg_try_advisory_lock(" + key("counter") + ")");
			assertThat(tried.exitCode()).as(tried.output()).isZero();
			assertThat(tried.stdout()).isEqualTo("f");
		}
		assertThat(server.psql("-tAc", "SELECT pg_try_advisory_lock(" + key("counter") + ")").stdout()).isEqualTo("t");
	}

	/**
	 * The README's one-liner for a name.
	 */
	private static String key(String name) {
		return "('x' || left(encode(sha256(convert_to('file-lock:' || '" + name + "', 'UTF8')), 'hex'), 16))::bit(64)::bigint";
	}

}
