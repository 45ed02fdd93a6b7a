package io.filelock.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code file-lock.backend=postgres} with settings that cannot work, written in an
 * {@code application.properties}: each fails the startup with Spring Boot's analysis of
 * the property at fault, its value (never a password) and where it was written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresPropertiesFailureAnalysisTests {

	@TempDir
	Path directory;

	@Test
	void noUrlAndNoPostgresDataSource() {
		assertThat(analysisOf("file-lock.backend=postgres").getDescription())
			.contains("'file-lock.postgres.url'")
			.contains("must be set with file-lock.backend=postgres, unless spring.datasource.url is a PostgreSQL URL");
	}

	@Test
	void aUrlOfAnotherDatabase() {
		assertThat(analysisOf("file-lock.backend=postgres", "file-lock.postgres.url=jdbc:h2:mem:app").getDescription())
			.startsWith("Invalid value 'jdbc:h2:mem:app' for configuration property 'file-lock.postgres.url' "
					+ origin(2, "file-lock.postgres.url="))
			.endsWith("must be a PostgreSQL JDBC URL with file-lock.backend=postgres, such as "
					+ "jdbc:postgresql://host:5432/database");
	}

	@Test
	void maxSessionsBelowOne() {
		assertThat(analysisOf("file-lock.backend=postgres", "file-lock.postgres.url=jdbc:postgresql://db/app",
				"file-lock.postgres.max-sessions=0")
			.getDescription()).startsWith("Invalid value '0' for configuration property 'file-lock.postgres.max-sessions' "
					+ origin(3, "file-lock.postgres.max-sessions="))
				.endsWith("must be at least 1");
	}

	@Test
	void keepaliveWithoutAUnit() {
		assertThat(analysisOf("file-lock.backend=postgres", "file-lock.postgres.url=jdbc:postgresql://db/app",
				"file-lock.postgres.keepalive.idle=10")
			.getDescription()).contains("'file-lock.postgres.keepalive.idle'").contains("needs a unit");
	}

	@Test
	void aLockPathMeansNothingWithPostgres() {
		assertThat(analysisOf("file-lock.backend=postgres", "file-lock.postgres.url=jdbc:postgresql://db/app",
				"file-lock.locks.backup.path=/var/lock/backup.lock")
			.getDescription()).contains("'file-lock.locks.backup.path'")
				.contains("has no effect with file-lock.backend=postgres");
	}

	@Test
	void anUnreachableServerIsNamedOnTheUrlsProperty() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		String url = "jdbc:postgresql://127.0.0.1:" + port + "/app";
		assertThat(analysisOf("file-lock.backend=postgres", "spring.datasource.url=" + url,
				"spring.datasource.password=secret")
			.getDescription()).startsWith("Invalid value '" + url + "' for configuration property 'spring.datasource.url' "
					+ origin(2, "spring.datasource.url="))
				.contains("Cannot reach the PostgreSQL server at 127.0.0.1:" + port)
				.doesNotContain("secret");
	}

	@Test
	void refusedCredentialsAreNamedWithoutThePassword() {
		PostgresServer server = PostgresServer.shared();
		FailureAnalysis analysis = analysisOf("file-lock.backend=postgres", "file-lock.postgres.url=" + server.jdbcUrl(),
				"file-lock.postgres.username=" + server.username(), "file-lock.postgres.password=not-the-password");
		assertThat(analysis.getDescription()).contains("'file-lock.postgres.url'")
			.contains("refused the credentials of user '" + server.username() + "'")
			.doesNotContain("not-the-password");
	}

	@Test
	void theDriverMissing() {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		ConfigurableEnvironment[] environment = new ConfigurableEnvironment[1];
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.postgresql"))
			.withPropertyValues("file-lock.backend=postgres", "file-lock.postgres.url=jdbc:postgresql://db/app")
			.withInitializer((context) -> environment[0] = context.getEnvironment())
			.run((context) -> analysis[0] = FailureAnalyses.analyze(context.getStartupFailure(), environment[0]));
		assertThat(analysis[0].getDescription()).contains("'file-lock.backend'")
			.contains("needs the PostgreSQL JDBC driver (org.postgresql.Driver) on the class path: add the dependency "
					+ "org.postgresql:postgresql");
	}

	private String origin(int line, String key) {
		return new PropertiesFileStartup(this.directory).origin(line, key);
	}

	private FailureAnalysis analysisOf(String... lines) {
		return new PropertiesFileStartup(this.directory).analysisOf(lines);
	}

}
