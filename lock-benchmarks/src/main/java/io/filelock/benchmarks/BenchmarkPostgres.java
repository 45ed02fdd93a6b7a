package io.filelock.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.filelock.testsupport.postgres.PostgresServer;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server of the PostgreSQL workloads (P1–P4): one per run, started with the
 * tests' harness (the machine's binaries, or Maven Central's), with the table of Spring
 * Integration's {@code JdbcLockRegistry}; its connection reaches the worker JVMs and JMH's
 * forks as system properties.
 */
final class BenchmarkPostgres implements AutoCloseable {

	private static final String URL = "filelock.bench.postgres.url";

	private static final String USERNAME = "filelock.bench.postgres.username";

	private static final String PASSWORD = "filelock.bench.postgres.password";

	private static @Nullable BenchmarkPostgres current;

	private final PostgresServer server;

	private BenchmarkPostgres(PostgresServer server) {
		this.server = server;
	}

	static BenchmarkPostgres start() throws IOException, SQLException {
		BenchmarkPostgres postgres = new BenchmarkPostgres(PostgresServer.startNew());
		System.setProperty(URL, postgres.server.jdbcUrl());
		System.setProperty(USERNAME, postgres.server.username());
		System.setProperty(PASSWORD, postgres.server.password());
		try (Connection connection = PostgresContenders.connect(); Statement statement = connection.createStatement();
				InputStream schema = JdbcLockSchema.open()) {
			statement.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
		}
		current = postgres;
		return postgres;
	}

	/**
	 * The options that give a child JVM the server's connection; none without a server.
	 */
	static List<String> childOptions() {
		BenchmarkPostgres postgres = current;
		if (postgres == null) {
			return List.of();
		}
		return List.of("-D" + URL + "=" + url(), "-D" + USERNAME + "=" + username(), "-D" + PASSWORD + "=" + password());
	}

	static String url() {
		return System.getProperty(URL);
	}

	static String username() {
		return System.getProperty(USERNAME);
	}

	static String password() {
		return System.getProperty(PASSWORD);
	}

	String describe() {
		return ShownPaths.withoutTemporaryDirectory(this.server.toString());
	}

	@Override
	public void close() {
		current = null;
		this.server.close();
	}

	/**
	 * The DDL that Spring Integration ships for PostgreSQL.
	 */
	private static final class JdbcLockSchema {

		static InputStream open() throws IOException {
			InputStream schema = JdbcLockSchema.class.getClassLoader()
				.getResourceAsStream("org/springframework/integration/jdbc/schema-postgresql.sql");
			if (schema == null) {
				throw new IOException("schema-postgresql.sql of spring-integration-jdbc is not on the class path");
			}
			return schema;
		}

	}

}
