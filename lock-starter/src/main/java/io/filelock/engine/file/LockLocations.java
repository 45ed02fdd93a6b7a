package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.filelock.InvalidLockLocationException;
import io.filelock.LockException;
import org.jspecify.annotations.Nullable;

/**
 * The places of a file backend's locks: its lock directory and the files of the locks
 * with paths of their own. Creates the lock directory, and tells what keeps either from
 * working, with the checks of {@link LockDirectories}: before the first lock
 * ({@link #check()}), when the lock directory must be created ({@link #create}), and for
 * the backend's status ({@link #problem()}).
 */
final class LockLocations {

	private final Path directory;

	/** The files of the locks with paths of their own, by lock name. */
	private final Map<String, Path> lockFiles;

	private final LockDirectories directories;

	LockLocations(Path directory, Map<String, Path> lockFiles, LockDirectories directories) {
		this.directory = directory;
		this.lockFiles = Map.copyOf(lockFiles);
		this.directories = directories;
	}

	/**
	 * Creates the lock directory if it is missing, and checks it and the directories of
	 * the lock files of their own.
	 * @throws InvalidLockLocationException naming the first location that cannot work
	 */
	void check() {
		checkDirectory();
		this.lockFiles.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((lockFile) -> checkLockFile(lockFile.getKey(), lockFile.getValue()));
	}

	private void checkDirectory() {
		if (Files.exists(this.directory) && !Files.isDirectory(this.directory)) {
			throw new InvalidLockLocationException(this.directory, null, "must be a directory, but it is a file");
		}
		try {
			this.directories.create(this.directory);
		}
		catch (FileSystemException ex) {
			throw new InvalidLockLocationException(this.directory, null,
					"must be a directory that exists or can be created, but creating '" + ex.getFile() + "' failed ("
							+ reason(ex) + ")");
		}
		catch (IOException ex) {
			throw new InvalidLockLocationException(this.directory, null,
					"must be a directory that exists or can be created, but creating it failed (" + ex + ")");
		}
		String refused = refusal(this.directory);
		if (refused != null) {
			throw new InvalidLockLocationException(this.directory, null, "The directory " + refused);
		}
	}

	private void checkLockFile(String name, Path path) {
		if (Files.isDirectory(path)) {
			throw new InvalidLockLocationException(path, name, "must be a file, but it is a directory");
		}
		Path parent = path.toAbsolutePath().getParent();
		if (parent == null) {
			return;
		}
		if (!Files.isDirectory(parent)) {
			throw new InvalidLockLocationException(path, name,
					"must be a file in an existing directory, but directory '" + parent + "' does not exist");
		}
		String refused = refusal(parent);
		if (refused != null) {
			throw new InvalidLockLocationException(path, name, "Its directory " + parent + " " + refused);
		}
	}

	/**
	 * Why the lock directory cannot be used now, or null if it can; creates it if it is
	 * missing, which the first lock would do anyway.
	 */
	@Nullable String problem() {
		if (!Files.isDirectory(this.directory)) {
			if (Files.exists(this.directory)) {
				return "Lock directory " + this.directory + " is not a directory";
			}
			try {
				this.directories.create(this.directory);
			}
			catch (IOException ex) {
				return "Lock directory " + this.directory + " is missing and cannot be created: " + ex;
			}
		}
		if (!Files.isWritable(this.directory)) {
			return "Lock directory " + this.directory + " is not writable";
		}
		String refused;
		try {
			refused = this.directories.problemWith(this.directory);
		}
		catch (IOException ex) {
			return "Lock directory " + this.directory + " cannot be examined: " + ex;
		}
		return (refused != null) ? "Lock directory " + this.directory + " " + refused : null;
	}

	/**
	 * Creates a missing lock directory for the lock that needs it.
	 * @throws LockException naming the directory and why it cannot be created
	 */
	void create(Path directory) {
		try {
			this.directories.create(directory);
		}
		catch (FileAlreadyExistsException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": " + ex.getFile()
					+ " exists and is not a directory", ex);
		}
		catch (FileSystemException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": " + reason(ex) + " ("
					+ ex.getFile() + ")", ex);
		}
		catch (IOException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Why {@link LockDirectories} refuses the existing directory; null if it accepts it or
	 * it cannot be examined (the first lock then reports why).
	 */
	private @Nullable String refusal(Path directory) {
		try {
			return this.directories.problemWith(directory);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String reason(FileSystemException ex) {
		return (ex.getReason() != null) ? ex.getReason() : ex.getClass().getSimpleName();
	}

}
