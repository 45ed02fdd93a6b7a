package io.filelock.engine.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The JVMs that hold or held locks of one lock directory, one small file each in its
 * {@value #DIRECTORY} folder (a name no lock file can have: those never start with a
 * dot), written when the JVM first takes a lock there and deleted when its manager is
 * closed. It tells a reader that a process {@code /proc/locks} lists is a lock manager,
 * with its host and application, when the lock file's owner record cannot say so: the
 * file has an explicit path (never written), or another program emptied it (py-filelock
 * opens lock files with {@code O_TRUNC}). An entry is believed only for a live process
 * that started when the entry says: a pid reused by another process is not taken for it.
 * The folder is created as the lock directories are ({@link LockDirectories}); one that
 * another user controls is neither written nor believed.
 */
final class ManagerRegistry {

	static final String DIRECTORY = ".file-lock-managers";

	private static final Log logger = LogFactory.getLog(ManagerRegistry.class);

	private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

	private final Path folder;

	private final byte[] entry;

	private final Path own;

	private final LockDirectories directories;

	private volatile boolean registered;

	ManagerRegistry(Path directory, long pid, String host, @Nullable String application,
			LockDirectories directories) {
		this.folder = directory.resolve(DIRECTORY);
		this.directories = directories;
		this.own = this.folder.resolve(Long.toString(pid));
		Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH);
		this.entry = OwnerRecordWriter.format(pid, host, "-", application, started.toString());
	}

	/**
	 * Registers this JVM, once; a failure is logged only, as it costs messages, not
	 * locks.
	 */
	void register() {
		if (this.registered) {
			return;
		}
		try {
			this.directories.create(this.folder);
			String refused = this.directories.problemWith(this.folder);
			if (refused != null) {
				this.registered = true;
				logger.debug("Not registering this JVM in " + this.folder + ", which " + refused);
				return;
			}
			Files.write(this.own, this.entry);
			this.registered = true;
		}
		catch (IOException ex) {
			this.registered = true;
			logger.debug("Could not register this JVM in " + this.folder + ": " + ex);
		}
	}

	void unregister() {
		if (this.registered) {
			this.registered = false;
			try {
				Files.deleteIfExists(this.own);
			}
			catch (IOException ex) {
				logger.debug("Could not unregister this JVM from " + this.folder + ": " + ex);
			}
		}
	}

	/**
	 * The lock manager of process {@code pid}, if it registered and is still that
	 * process.
	 */
	Optional<OwnerRecord> lookUp(long pid) {
		try {
			if (this.directories.problemWith(this.folder) != null) {
				return Optional.empty();
			}
			OwnerRecord record = OwnerRecord
				.parse(new String(Files.readAllBytes(this.folder.resolve(Long.toString(pid))), StandardCharsets.UTF_8));
			if (record == null || record.pid() != pid) {
				return Optional.empty();
			}
			Optional<Instant> started = ProcessHandle.of(pid).flatMap((process) -> process.info().startInstant());
			boolean same = started
				.map((start) -> Duration.between(start, record.acquiredAt()).abs().compareTo(START_TOLERANCE) <= 0)
				.orElse(false);
			return same ? Optional.of(record) : Optional.empty();
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
