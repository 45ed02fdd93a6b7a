package io.filelock.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.engine.DefaultLockManager;
import io.filelock.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code file-lock.backend=postgres}: the connection from {@code file-lock.postgres.*},
 * or from {@code spring.datasource.*} when that is a PostgreSQL one; and no driver needed
 * by an application that keeps lock files.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresAutoConfigurationTests {

	private static final PostgresServer server = PostgresServer.shared();

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class));

	@Test
	void locksOnTheServerOfItsOwnProperties() {
		this.contextRunner
			.withPropertyValues("file-lock.backend=postgres", "file-lock.postgres.url=" + server.jdbcUrl(),
					"file-lock.postgres.username=" + server.username(),
					"file-lock.postgres.password=" + server.password(), "file-lock.postgres.max-sessions=3")
			.run((context) -> {
				DefaultLockManager manager = context.getBean(DefaultLockManager.class);
				assertThat(manager.backendStatus().kind()).isEqualTo("postgres");
				assertThat(manager.backendStatus().details()).containsEntry("url", server.jdbcUrl())
					.containsEntry("maxSessions", "3");
				try (LockHandle handle = manager.acquire("autoconfigured")) {
					assertThat(handle.resource()).startsWith("PostgreSQL advisory lock ");
				}
			});
	}

	@Test
	void fallsBackToAPostgresDataSource() {
		this.contextRunner
			.withPropertyValues("file-lock.backend=postgres", "spring.datasource.url=" + server.jdbcUrl(),
					"spring.datasource.username=" + server.username(), "spring.datasource.password=" + server.password())
			.run((context) -> assertThat(context.getBean(DefaultLockManager.class).backendStatus().details())
				.containsEntry("url", server.jdbcUrl()));
	}

	@Test
	void keepsLockFilesByDefaultAndNeedsNoDriver() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.postgresql"))
			.withPropertyValues("file-lock.directory=" + this.directory, "spring.datasource.url=" + server.jdbcUrl())
			.run((context) -> {
				LockManager manager = context.getBean(LockManager.class);
				assertThat(((DefaultLockManager) manager).backendStatus().kind()).isEqualTo("file");
				try (LockHandle handle = manager.acquire("file")) {
					assertThat(handle.file()).contains(this.directory.resolve("file.lock"));
				}
			});
	}

}
