package io.filelock.engine.postgres;

import java.net.InetAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.filelock.InvalidLockSettingException;
import io.filelock.LockBackendKind;
import io.filelock.LockException;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.PostgresSettings;
import io.filelock.testsupport.ForeignLockHolder;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad settings and a server that cannot be used are errors that say what is wrong, at
 * once: never a timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresFaultTests {

	private static final PostgresServer server = PostgresServer.shared();

	@Test
	void aServerThatIsNotThereIsNamedByHostAndPort() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?password=secret";
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> build(PostgresSettings.of(url, "a", "b")))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining("Cannot reach the PostgreSQL server at 127.0.0.1:" + port)
			.withMessageContaining("password=******")
			.withMessageNotContaining("secret");
	}

	@Test
	void refusedCredentialsAreNamedAsSuch() {
		assertThatExceptionOfType(LockException.class)
			.isThrownBy(() -> build(PostgresSettings.of(server.jdbcUrl(), server.username(), "wrong")))
			.withMessageContaining("refused the credentials of user '" + server.username() + "'")
			.withMessageContaining("127.0.0.1:" + server.port())
			.withMessageContaining("28P01");
	}

	@Test
	void aMissingDatabaseIsNamed() {
		String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/nosuchdb";
		assertThatExceptionOfType(LockException.class)
			.isThrownBy(() -> build(PostgresSettings.of(url, server.username(), server.password())))
			.withMessageContaining("does not exist")
			.withMessageContaining("nosuchdb");
	}

	@Test
	void aUrlOfAnotherDatabaseIsRefused() {
		assertThatExceptionOfType(InvalidLockSettingException.class)
			.isThrownBy(() -> PostgresSettings.of("jdbc:mysql://db/app", null, null))
			.withMessage("Invalid url 'jdbc:mysql://db/app': must be a PostgreSQL JDBC URL, such as "
					+ "jdbc:postgresql://host:5432/database");
	}

	@Test
	void maxSessionsBelowOneIsRefused() {
		assertThatExceptionOfType(InvalidLockSettingException.class)
			.isThrownBy(() -> server.settings().withMaxSessions(0))
			.withMessage("Invalid maxSessions '0': must be at least 1");
	}

	@Test
	void keepaliveBelowASecondIsRefused() {
		assertThatExceptionOfType(InvalidLockSettingException.class)
			.isThrownBy(() -> server.settings().withKeepalive(Duration.ofMillis(500), Duration.ofSeconds(1), 1))
			.withMessage("Invalid keepaliveIdle '500ms': must be at least 1s");
	}

	@Test
	void thePostgresBackendWithoutAServerIsRefused() {
		assertThatExceptionOfType(InvalidLockSettingException.class)
			.isThrownBy(() -> LockManager.builder().backend(LockBackendKind.POSTGRES).build())
			.withMessageContaining("postgres");
	}

	@Test
	void aShortWaitIsNotStretchedByASessionThatTakesLongToOpen() throws Exception {
		try (FirstConnectionOnly proxy = new FirstConnectionOnly(server.port());
				ForeignLockHolder.Hold held = new SqlLocks(server).hold("report")) {
			String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + server.database();
			// the control session goes through; a session of a wait would hang for the connect timeout
			LockManager manager = build(PostgresSettings.of(url, server.username(), server.password())
				.withConnectTimeout(Duration.ofSeconds(20)));
			long start = System.nanoTime();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("report", LockMode.EXCLUSIVE, Duration.ofMillis(300)));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 20 s connect timeout")
				.isLessThan(Duration.ofSeconds(10));
			manager.close();
		}
	}

	/**
	 * Forwards the first connection to the server, and accepts the later ones without
	 * ever answering: a server that has become slow to open sessions.
	 */
	private static final class FirstConnectionOnly implements AutoCloseable {

		private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		FirstConnectionOnly(int serverPort) throws IOException {
			Thread acceptor = new Thread(() -> {
				try {
					Socket first = this.listener.accept();
					Socket upstream = new Socket(InetAddress.getLoopbackAddress(), serverPort);
					this.sockets.addAll(List.of(first, upstream));
					pump(first, upstream);
					pump(upstream, first);
					while (true) {
						this.sockets.add(this.listener.accept());
					}
				}
				catch (IOException ex) {
					// closed
				}
			}, "first-connection-only");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.listener.getLocalPort();
		}

		private void pump(Socket from, Socket to) {
			Thread pump = new Thread(() -> {
				try {
					from.getInputStream().transferTo(to.getOutputStream());
				}
				catch (IOException ex) {
					// closed
				}
			}, "pump");
			pump.setDaemon(true);
			pump.start();
		}

		@Override
		public void close() throws IOException {
			this.listener.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

	private static LockManager build(PostgresSettings settings) {
		return LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(settings).build();
	}

}
