package io.filelock.actuate.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.filelock.engine.FileLockManager;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether a {@link FileLockManager} can create lock files: DOWN when its
 * directory is missing and cannot be created, is not a directory or is not writable.
 * Details: {@code directory}, {@code strategy}, {@code locksHeld} and, when DOWN,
 * {@code error}.
 */
public class FileLockHealthIndicator extends AbstractHealthIndicator {

	private final FileLockManager manager;

	public FileLockHealthIndicator(FileLockManager manager) {
		super("File lock health check failed");
		this.manager = manager;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Path directory = this.manager.directory();
		builder.withDetail("directory", directory.toString())
			.withDetail("strategy", this.manager.strategy().name())
			.withDetail("locksHeld", this.manager.activeCount());
		String problem = problemWith(directory);
		if (problem != null) {
			builder.down().withDetail("error", problem);
		}
		else {
			builder.up();
		}
	}

	private static @Nullable String problemWith(Path directory) {
		if (!Files.isDirectory(directory)) {
			if (Files.exists(directory)) {
				return "Lock directory " + directory + " is not a directory";
			}
			try {
				// The manager creates it on first use anyway; creating it now tells
				// whether that will work.
				Files.createDirectories(directory);
			}
			catch (IOException ex) {
				return "Lock directory " + directory + " is missing and cannot be created: " + ex;
			}
		}
		if (!Files.isWritable(directory)) {
			return "Lock directory " + directory + " is not writable";
		}
		return null;
	}

}
