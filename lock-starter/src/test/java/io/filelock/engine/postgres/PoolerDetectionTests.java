package io.filelock.engine.postgres;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import io.filelock.LockMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A connection pooler in transaction mode runs the statements of one client connection in
 * several server sessions. Every lock statement returns {@code pg_backend_pid()}, and an
 * answer from a session other than the connection's first ends the session with an error
 * that names the pooler. (Shown here with a connection whose statements answer from
 * another server process, as one behind PgBouncer's {@code pool_mode=transaction} does.)
 */
class PoolerDetectionTests {

	@Test
	void aLockTakenInAnotherServerSessionEndsTheSessionNamingThePooler() {
		Session session = new Session(connectionAnsweringFrom(4712), 4711, 10_000);
		assertThatExceptionOfType(SessionEndedException.class).isThrownBy(() -> session.tryLock(1, LockMode.EXCLUSIVE))
			.withMessageContaining("Statements of one connection ran in PostgreSQL sessions 4711 and 4712")
			.withMessageContaining("PgBouncer with pool_mode=transaction");
	}

	@Test
	void answersFromTheSessionsOwnProcessAreAccepted() throws Exception {
		Session session = new Session(connectionAnsweringFrom(4711), 4711, 10_000);
		assertThat(session.tryLock(1, LockMode.EXCLUSIVE)).isTrue();
	}

	/**
	 * A connection whose every statement answers {@code true} from server process
	 * {@code pid}.
	 */
	private static Connection connectionAnsweringFrom(long pid) {
		ResultSet result = proxy(ResultSet.class, (method, args) -> switch (method) {
			case "next", "getBoolean" -> true;
			case "getLong" -> pid;
			default -> null;
		});
		PreparedStatement statement = proxy(PreparedStatement.class,
				(method, args) -> method.equals("executeQuery") ? result : null);
		return proxy(Connection.class, (method, args) -> switch (method) {
			case "prepareStatement" -> statement;
			case "isClosed" -> false;
			default -> null;
		});
	}

	@FunctionalInterface
	private interface Answer {

		Object answer(String method, Object[] args);

	}

	private static <T> T proxy(Class<T> type, Answer answer) {
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> answer.answer(method.getName(), args)));
	}

}
