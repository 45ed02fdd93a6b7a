package io.filelock.testsupport.postgres;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Servers left behind by test JVMs that were killed (a SIGKILLed JVM runs no shutdown hook,
 * and {@code pg_ctl} daemonizes the postmaster). Each server directory names the JVM that
 * started it ({@value #OWNER_FILE}); the first server a JVM starts first stops, with
 * {@code pg_ctl stop -m immediate}, every server whose JVM is gone, and deletes its
 * directory. Servers of live JVMs are never touched.
 */
final class StaleServers {

	static final String OWNER_FILE = "owner.pid";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(75);

	private static final AtomicBoolean reaped = new AtomicBoolean();

	private StaleServers() {
	}

	static void reapOnce(Path base, RunAs runAs) {
		if (!reaped.compareAndSet(false, true) || !Files.isDirectory(base)) {
			return;
		}
		try (DirectoryStream<Path> directories = Files.newDirectoryStream(base, "file-lock-pg-*")) {
			for (Path directory : directories) {
				if (isStale(directory)) {
					reap(directory, runAs);
				}
			}
		}
		catch (IOException e) {
			System.err.println("PostgresServer: could not look for stale servers in " + base + ": " + e);
		}
	}

	private static boolean isStale(Path directory) {
		Path owner = directory.resolve(OWNER_FILE);
		if (!Files.isRegularFile(owner)) {
			return false; // not a server directory (the unpacked binaries), or one being set up
		}
		try {
			long pid = Long.parseLong(Files.readString(owner).strip());
			return ProcessHandle.of(pid).map((process) -> !process.isAlive()).orElse(true);
		}
		catch (IOException | NumberFormatException e) {
			return false;
		}
	}

	private static void reap(Path directory, RunAs runAs) {
		Path data = directory.resolve("data");
		if (Files.exists(data.resolve("postmaster.pid"))) {
			try {
				PostgresBinaries binaries = PostgresBinaries.resolve();
				ProcessRunner.run(runAs.wrap(List.of(binaries.pgCtl().toString(), "-D", data.toString(), "-m",
						"immediate", "-w", "stop")), Map.of("LC_ALL", "C"), directory, STOP_TIMEOUT);
			}
			catch (RuntimeException e) {
				System.err.println("PostgresServer: could not stop the stale server in " + data + ": " + e.getMessage());
				return;
			}
		}
		try {
			FileTrees.delete(directory);
		}
		catch (IOException e) {
			System.err.println("PostgresServer: could not delete the stale server directory " + directory + ": " + e);
		}
	}

}
