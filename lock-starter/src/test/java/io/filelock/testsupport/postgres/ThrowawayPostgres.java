package io.filelock.testsupport.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * A PostgreSQL server for {@code ./demo.sh --backend=postgres}: started in a temporary
 * directory with the binaries {@link PostgresBinaries#resolve()} finds (the system's, or
 * Maven Central's), its connection written as shell variable assignments to the file named
 * by the first argument ({@code FILELOCK_POSTGRES_URL}, {@code _USERNAME},
 * {@code _PASSWORD}: Spring Boot binds them to {@code file-lock.postgres.*}). It runs until
 * the JVM is told to stop (SIGTERM), when the server is stopped and its directory deleted.
 */
public final class ThrowawayPostgres {

	private ThrowawayPostgres() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Path info = Path.of(args[0]);
		PostgresServer server = PostgresServer.startNew();
		Path written = Files.writeString(info.resolveSibling(info.getFileName() + ".tmp"),
				"FILELOCK_POSTGRES_URL='" + server.jdbcUrl() + "'\nFILELOCK_POSTGRES_USERNAME='" + server.username()
						+ "'\nFILELOCK_POSTGRES_PASSWORD='" + server.password() + "'\n");
		Files.move(written, info, StandardCopyOption.ATOMIC_MOVE);
		System.out.println("PostgreSQL " + server.binaries().version() + " (" + server.binaries().source() + ") at "
				+ server.jdbcUrl());
		// until SIGTERM: the shutdown hook of PostgresServer stops the server and deletes its directory
		new CountDownLatch(1).await();
	}

}
