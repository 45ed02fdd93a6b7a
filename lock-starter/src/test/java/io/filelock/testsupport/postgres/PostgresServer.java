package io.filelock.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.filelock.PostgresSettings;
import io.filelock.testsupport.TestBackends;

/**
 * A real PostgreSQL server for tests, in its own temporary directory, on a free port of
 * 127.0.0.1 only, with password (SCRAM) authentication for every connection.
 *
 * <p>{@link #startNew()} runs initdb and starts the server; {@link #stop()} and {@link #start()}
 * stop and restart it on the same data directory and port; {@link #close()} stops it and deletes
 * its directory. Servers still open when the JVM exits are closed by a shutdown hook (a killed
 * JVM leaves its servers running, and the next JVM that starts a server stops them, see
 * {@link StaleServers}). When a start fails, the exception names the server log, and the directory
 * is kept for inspection.
 *
 * <p>Layout of {@link #directory()}: {@code data/} (PGDATA), {@code socket/} (the unix socket),
 * {@code server.log}. When the build runs as root, the server runs as an unprivileged user (see
 * {@link RunAs}), which owns this directory.
 *
 * <p>System properties: {@value PostgresBinaries#PROPERTY} (which binaries),
 * {@value #DIRECTORY_PROPERTY} (where servers and unpacked binaries go, default
 * {@code java.io.tmpdir}), {@value RunAs#USER_PROPERTY} (the user when root, default nobody).
 */
public final class PostgresServer implements AutoCloseable {

	public static final String DIRECTORY_PROPERTY = "filelock.test.postgres.dir";

	private static final String USERNAME = "filelock";
	private static final String DATABASE = "postgres";
	private static final String HOST = "127.0.0.1";
	private static final String CONFIG_FILE = "file-lock-test.conf";
	/** Longest unix socket path: sun_path holds 108 bytes including the terminating NUL. */
	private static final int MAX_SOCKET_PATH = 107;
	private static final int PORT_ATTEMPTS = 3;
	private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
	/** pg_ctl's own wait (-t); the process gets a little longer so that pg_ctl reports first. */
	private static final Duration PG_CTL_WAIT = Duration.ofSeconds(60);
	private static final Duration PG_CTL_TIMEOUT = PG_CTL_WAIT.plusSeconds(15);
	private static final Duration PSQL_TIMEOUT = Duration.ofSeconds(60);
	/** Locale-independent messages, and no time zone probing by initdb. */
	private static final Map<String, String> SERVER_ENVIRONMENT = Map.of("LC_ALL", "C", "LANG", "C", "TZ", "UTC");

	private static final Set<PostgresServer> OPEN = ConcurrentHashMap.newKeySet();
	private static PostgresServer shared;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(PostgresServer::close),
				"postgres-test-servers-shutdown"));
	}

	/** How {@link #stop(StopMode)} ends the server, as pg_ctl's {@code -m} modes. */
	public enum StopMode {
		/** Waits for all clients to disconnect. */
		SMART,
		/** Disconnects clients, rolls back their transactions, and shuts down cleanly. */
		FAST,
		/** Kills the server processes at once, like a crash: the next start runs recovery. */
		IMMEDIATE
	}

	private final PostgresBinaries binaries;
	private final RunAs runAs;
	private final Path directory;
	private final Path dataDirectory;
	private final Path socketDirectory;
	private final Path logFile;
	private final String password;
	/** Addresses of this host, beyond 127.0.0.1, that the server listens on and admits clients of (their /24). */
	private final List<String> otherAddresses;
	private int port;
	private boolean portFixed;
	private boolean running;
	private boolean keepDirectory;

	private PostgresServer(PostgresBinaries binaries, RunAs runAs, Path directory, List<String> otherAddresses) {
		this.otherAddresses = List.copyOf(otherAddresses);
		this.binaries = binaries;
		this.runAs = runAs;
		this.directory = directory;
		this.dataDirectory = directory.resolve("data");
		this.socketDirectory = directory.resolve("socket");
		this.logFile = directory.resolve("server.log");
		this.password = randomPassword();
	}

	/** Starts a new server with the binaries chosen by {@link PostgresBinaries#resolve()}. */
	public static PostgresServer startNew() {
		return startNew(PostgresBinaries.resolve());
	}

	/** Starts a new server with the given binaries: initdb, then {@link #start()}. */
	public static PostgresServer startNew(PostgresBinaries binaries) {
		return startNew(binaries, List.of());
	}

	/**
	 * Starts a new server that also listens on the given addresses of this host (the host
	 * ends of veth pairs into network namespaces) and admits clients of their /24.
	 */
	public static PostgresServer startNewListeningOn(String... addresses) {
		return startNew(PostgresBinaries.resolve(), List.of(addresses));
	}

	private static PostgresServer startNew(PostgresBinaries binaries, List<String> otherAddresses) {
		RunAs runAs = RunAs.detect();
		Path base = baseDirectory();
		StaleServers.reapOnce(base, runAs);
		runAs.requireAccess(binaries.binDirectory());
		PostgresServer server = new PostgresServer(binaries, runAs, createDirectory(base, runAs), otherAddresses);
		OPEN.add(server);
		try {
			server.initdb();
			server.start();
			return server;
		}
		catch (RuntimeException e) {
			server.close();
			throw e;
		}
	}

	/**
	 * One server for the whole JVM, started on first use and closed at exit. Tests that share it
	 * must not stop it; those that stop or restart a server start their own.
	 */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			shared = startNew();
		}
		return shared;
	}

	/** Starts the server on its data directory, on the port of its first start; no-op if running. */
	public synchronized void start() {
		if (running) {
			return;
		}
		for (int attempt = 1; ; attempt++) {
			if (!portFixed) {
				port = freePort();
			}
			writeServerConfig();
			long logStart = size(logFile);
			ProcessResult result;
			try {
				result = runAsServerUser(List.of(binaries.pgCtl().toString(), "-D", dataDirectory.toString(),
						"-l", logFile.toString(), "-w", "-t", Long.toString(PG_CTL_WAIT.toSeconds()), "start"),
						PG_CTL_TIMEOUT);
			}
			catch (RuntimeException e) {
				keepDirectory = true;
				stopAfterFailedStart();
				throw new IllegalStateException(e.getMessage() + "; server log: " + logFile, e);
			}
			if (result.succeeded()) {
				running = true;
				portFixed = true;
				return;
			}
			String log = readFrom(logFile, logStart);
			stopAfterFailedStart(); // pg_ctl may give up waiting while the postmaster goes on starting
			if (!portFixed && attempt < PORT_ATTEMPTS && log.contains("Address already in use")) {
				continue; // another process took the free port first: pick another
			}
			keepDirectory = true;
			throw new IllegalStateException(binaries.pgCtl() + " start failed (exit " + result.exitCode() + ", port "
					+ port + "): " + result.output() + "\n--- server log " + logFile + " (kept for inspection) ---\n"
					+ log);
		}
	}

	/** Stops the server with {@link StopMode#FAST}; no-op if it is not running. */
	public void stop() {
		stop(StopMode.FAST);
	}

	/** Stops the server and waits until it has exited; no-op if it is not running. */
	public synchronized void stop(StopMode mode) {
		if (!running) {
			return;
		}
		ProcessResult result = pgCtlStop(mode);
		if (!result.succeeded()) {
			throw new IllegalStateException(binaries.pgCtl() + " stop -m " + mode.name().toLowerCase(Locale.ROOT)
					+ " failed (exit " + result.exitCode() + "): " + result.output() + "; server log: " + logFile);
		}
		running = false;
	}

	/** Stops the server if it runs, then deletes its directory unless a start failed. Never throws. */
	@Override
	public synchronized void close() {
		try {
			stop(StopMode.FAST);
		}
		catch (RuntimeException e) {
			keepDirectory = true;
			stopAfterFailedStart();
			System.err.println("PostgresServer: " + e.getMessage());
		}
		OPEN.remove(this);
		if (!keepDirectory) {
			try {
				FileTrees.delete(directory);
			}
			catch (IOException e) {
				System.err.println("PostgresServer: could not delete " + directory + ": " + e);
			}
		}
	}

	public synchronized boolean isRunning() {
		return running;
	}

	private List<String> listenAddresses() {
		List<String> addresses = new ArrayList<>(List.of(HOST));
		addresses.addAll(this.otherAddresses);
		return addresses;
	}

	/** The URL of the server at another of its addresses ({@link #startNewListeningOn}). */
	public String jdbcUrl(String address) {
		return "jdbc:postgresql://" + address + ":" + port() + "/" + DATABASE;
	}

	/** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}; the port stays the same across restarts. */
	public String jdbcUrl() {
		return "jdbc:postgresql://" + HOST + ":" + port() + "/" + DATABASE;
	}

	/** Settings of a lock manager that locks on this server. */
	public PostgresSettings settings() {
		return PostgresSettings.of(jdbcUrl(), username(), password());
	}

	/**
	 * The JVM options that make {@link TestBackends#builder} of a child JVM lock on this
	 * server.
	 */
	public List<String> childJvmOptions() {
		return List.of("-D" + TestBackends.URL_PROPERTY + "=" + jdbcUrl(),
				"-D" + TestBackends.USERNAME_PROPERTY + "=" + username(),
				"-D" + TestBackends.PASSWORD_PROPERTY + "=" + password());
	}

	/** The superuser's name. */
	public String username() {
		return USERNAME;
	}

	/** The superuser's password, random per server. */
	public String password() {
		return password;
	}

	public String host() {
		return HOST;
	}

	public synchronized int port() {
		return port;
	}

	public String database() {
		return DATABASE;
	}

	public Path directory() {
		return directory;
	}

	public Path dataDirectory() {
		return dataDirectory;
	}

	public Path socketDirectory() {
		return socketDirectory;
	}

	public Path logFile() {
		return logFile;
	}

	public PostgresBinaries binaries() {
		return binaries;
	}

	/**
	 * Runs psql as the current user against this server over TCP with the right password, e.g.
	 * {@code psql("-tAc", "SELECT 1")}; the arguments follow {@code -X -w -v ON_ERROR_STOP=1} and
	 * the connection options. psql exits with 0 on success, 1 on its own fatal errors, 2 when the
	 * connection fails or breaks, 3 when a statement fails.
	 */
	public ProcessResult psql(String... args) {
		return psqlWithPassword(password, args);
	}

	/**
	 * A psql process of its own against this server, reading commands from its standard
	 * input ({@code -X -q -tA}, no pager): for a session that holds a lock while a test
	 * runs. The caller starts it, and ends it by closing its input.
	 */
	public ProcessBuilder psqlSession() {
		ProcessBuilder builder = new ProcessBuilder(binaries.psqlOrThrow().toString(), "-X", "-q", "-tA", "-w", "-v",
				"ON_ERROR_STOP=1", "-h", HOST, "-p", Integer.toString(port()), "-U", USERNAME, "-d", DATABASE)
			.redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("PG"));
		builder.environment().putAll(Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "10", "LC_ALL", "C"));
		return builder;
	}

	/** {@link #psql(String...)} with another password, to test that a wrong one is refused. */
	public ProcessResult psqlWithPassword(String password, String... args) {
		List<String> command = new ArrayList<>(List.of(binaries.psqlOrThrow().toString(), "-X", "-w",
				"-v", "ON_ERROR_STOP=1", "-h", HOST, "-p", Integer.toString(port()), "-U", USERNAME, "-d", DATABASE));
		command.addAll(List.of(args));
		return ProcessRunner.run(command, Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "10", "LC_ALL", "C"),
				directory, PSQL_TIMEOUT);
	}

	@Override
	public String toString() {
		return "PostgreSQL " + binaries.version() + " (" + binaries.source() + ") on " + HOST + ":" + port + ", data "
				+ dataDirectory + ", run as " + runAs;
	}

	/** {@value #DIRECTORY_PROPERTY}, else {@code java.io.tmpdir}. */
	static Path baseDirectory() {
		return Path.of(System.getProperty(DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")))
				.toAbsolutePath();
	}

	private static Path createDirectory(Path base, RunAs runAs) {
		Path directory;
		try {
			Files.createDirectories(base);
			directory = Files.createTempDirectory(base, "file-lock-pg-");
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not create a server directory under " + base, e);
		}
		try {
			// whose server this is: a JVM killed with its servers running leaves this file for StaleServers
			Files.writeString(directory.resolve(StaleServers.OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
			Path socketDirectory = Files.createDirectory(directory.resolve("socket"));
			String socket = socketDirectory + "/.s.PGSQL.65535";
			if (socket.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
				throw new IllegalStateException("the unix socket path " + socket + " would be longer than "
						+ MAX_SOCKET_PATH + " bytes; set -D" + DIRECTORY_PROPERTY + " to a shorter directory");
			}
			runAs.own(directory);
			runAs.own(socketDirectory);
			runAs.requireAccess(directory);
			return directory;
		}
		catch (IOException | RuntimeException e) {
			try {
				FileTrees.delete(directory);
			}
			catch (IOException suppressed) {
				e.addSuppressed(suppressed);
			}
			if (e instanceof IOException io) {
				throw new UncheckedIOException("could not prepare " + directory, io);
			}
			throw (RuntimeException) e;
		}
	}

	private void initdb() {
		Path passwordFile = directory.resolve("password");
		try {
			Files.writeString(passwordFile, password + "\n");
			runAs.own(passwordFile);
			ProcessResult result = runAsServerUser(List.of(binaries.initdb().toString(), "-D", dataDirectory.toString(),
					"-U", USERNAME, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "--encoding=UTF8",
					"--locale=C", "--no-sync"), INITDB_TIMEOUT);
			if (!result.succeeded()) {
				throw new IllegalStateException(binaries.initdb() + " failed (exit " + result.exitCode() + "): "
						+ result.output());
			}
			// Password (SCRAM) authentication for every connection, so that a wrong password is refused.
			StringBuilder others = new StringBuilder();
			for (String address : otherAddresses) {
				others.append("host  all all ").append(address.substring(0, address.lastIndexOf('.'))).append(".0/24 scram-sha-256\n");
			}
			Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
					# Written by PostgresServer: a password is required for every connection.
					local all all              scram-sha-256
					host  all all 127.0.0.1/32 scram-sha-256
					""" + others);
			Files.writeString(dataDirectory.resolve("postgresql.conf"), "\ninclude '" + CONFIG_FILE + "'\n",
					StandardOpenOption.APPEND);
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not initialise " + dataDirectory, e);
		}
		finally {
			try {
				Files.deleteIfExists(passwordFile);
			}
			catch (IOException ignored) {
				// the directory is private to the server user and deleted on close
			}
		}
	}

	/** Rewritten before each start, as the port may change until the first start succeeds. */
	private void writeServerConfig() {
		Path config = dataDirectory.resolve(CONFIG_FILE);
		try {
			Files.writeString(config, """
					# Written by PostgresServer before each start.
					listen_addresses = '%s'
					port = %d
					unix_socket_directories = '%s'
					# every test class's lock managers keep their sessions until the JVM exits
					max_connections = 300
					# Test data: durable across server stops and crashes, not across an OS crash.
					fsync = off
					full_page_writes = off
					""".formatted(String.join(",", listenAddresses()), port, socketDirectory.toString().replace("'", "''")));
			runAs.own(config);
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not write " + config, e);
		}
	}

	private ProcessResult pgCtlStop(StopMode mode) {
		return runAsServerUser(List.of(binaries.pgCtl().toString(), "-D", dataDirectory.toString(),
				"-m", mode.name().toLowerCase(Locale.ROOT), "-w", "-t", Long.toString(PG_CTL_WAIT.toSeconds()), "stop"),
				PG_CTL_TIMEOUT);
	}

	/** Best effort after a failure: makes sure no postmaster is left running. */
	private void stopAfterFailedStart() {
		try {
			pgCtlStop(StopMode.IMMEDIATE); // exits 1 when no server runs, which is fine here
		}
		catch (RuntimeException e) {
			System.err.println("PostgresServer: could not stop the server in " + dataDirectory + ": " + e.getMessage());
		}
		running = false;
	}

	private ProcessResult runAsServerUser(List<String> command, Duration timeout) {
		return ProcessRunner.run(runAs.wrap(command), SERVER_ENVIRONMENT, directory, timeout);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not find a free port on " + HOST, e);
		}
	}

	private static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException e) {
			return 0;
		}
	}

	private static String readFrom(Path file, long offset) {
		try {
			byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
			int from = (int) Math.min(offset, bytes.length);
			return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).strip();
		}
		catch (IOException e) {
			return "(could not read " + file + ": " + e + ")";
		}
	}

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		StringBuilder password = new StringBuilder(24);
		for (int i = 0; i < 24; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}
}
