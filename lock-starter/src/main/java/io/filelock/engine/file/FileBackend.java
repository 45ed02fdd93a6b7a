package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.filelock.LockException;
import io.filelock.LockPolicy;
import io.filelock.LockStrategy;
import io.filelock.engine.BackendKey;
import io.filelock.engine.BackendLock;
import io.filelock.engine.HostName;
import io.filelock.engine.LockBackend;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockManagerSettings;
import org.jspecify.annotations.Nullable;

/**
 * Locks held on lock files: a lock named {@code N} is {@code N.lock} in the lock
 * directory (created when needed), or the file its policy names.
 */
public final class FileBackend implements LockBackend {

	/** How many names {@link #keyOf} keeps resolved. */
	private static final int KEY_CACHE_SIZE = 256;

	private final Path directory;

	private final LockFileStrategy strategy;

	private final boolean kernelWait;

	private final String host = HostName.local();

	private final OwnerRecordWriter records;

	private final ManagerRegistry registry;

	private final Holders holders;

	/** Lock files by name in the lock directory: encoding a name and resolving it cost more than the lookup. */
	private final ConcurrentHashMap<String, LockFileKey> keys = new ConcurrentHashMap<>();

	/**
	 * @param kernelWait whether the manager waits in the kernel where the strategy can
	 * (for {@link #status()})
	 */
	public FileBackend(Path directory, LockFileStrategy strategy, @Nullable String applicationName,
			boolean kernelWait) {
		this.directory = directory.toAbsolutePath().normalize();
		this.strategy = strategy;
		this.kernelWait = kernelWait;
		long pid = ProcessHandle.current().pid();
		this.records = new OwnerRecordWriter(pid, this.host, applicationName);
		this.registry = new ManagerRegistry(this.directory, pid, this.host, applicationName);
		this.holders = new Holders(this.host, this.registry);
	}

	/**
	 * The backend the settings ask for: their directory, with their strategy.
	 */
	public static FileBackend of(LockManagerSettings settings) {
		return new FileBackend(settings.directory(), LockFileStrategy.select(settings.strategy()),
				settings.applicationName(), settings.kernelWait());
	}

	@Override
	public BackendKey keyOf(String name, LockPolicy policy) {
		Path explicit = policy.path();
		if (explicit != null) {
			return new LockFileKey(explicit.toAbsolutePath().normalize(), false,
					this.directory.resolve(LockFileNames.fileName(name)));
		}
		LockFileKey cached = this.keys.get(name);
		if (cached == null) {
			cached = new LockFileKey(this.directory.resolve(LockFileNames.fileName(name)), true, null);
			if (this.keys.size() >= KEY_CACHE_SIZE) {
				// names from templates can be unbounded: start over rather than grow
				this.keys.clear();
			}
			this.keys.put(name, cached);
		}
		return cached;
	}

	@Override
	public BackendLock open(BackendKey key) {
		return new LockFile((LockFileKey) key, this);
	}

	/**
	 * Opens the lock file, creating the lock directory if it is missing.
	 */
	OpenLockFile openFile(LockFileKey key) {
		try {
			return this.strategy.open(key.path, key.managed);
		}
		catch (OpenFailedException ex) {
			if (!key.managed || !ex.missingDirectory()) {
				throw ex;
			}
			createDirectory(key.path.getParent());
			return this.strategy.open(key.path, key.managed);
		}
	}

	byte[] recordOf(Thread holder) {
		return this.records.recordOf(holder, System.currentTimeMillis());
	}

	/**
	 * This JVM took a lock: readers can tell it is a lock manager from now on.
	 */
	void tookLock() {
		this.registry.register();
	}

	@Override
	public Optional<LockHolders> holders(BackendKey key) {
		LockFileKey file = (LockFileKey) key;
		try {
			if (!file.managed && !Files.exists(file.path)) {
				return Optional.empty();
			}
			return Optional.of(this.holders.of(file.path, recordOf(file)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new LockException("Cannot read lock file " + file.path + ": " + ex.getMessage(), ex);
		}
	}

	private byte[] recordOf(LockFileKey key) throws IOException {
		Path recordFile = key.recordFile();
		if (recordFile == null) {
			return new byte[0];
		}
		try {
			return this.strategy.read(recordFile, OwnerRecord.MAX_BYTES);
		}
		catch (NoSuchFileException ex) {
			if (key.managed) {
				throw ex;
			}
			return new byte[0];
		}
	}

	/**
	 * Unregisters this JVM; the backend stays usable and registers again with its next
	 * lock.
	 */
	@Override
	public void close() {
		this.registry.unregister();
	}

	@Override
	public LockBackendStatus status() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("strategy", this.strategy.kind().name());
		if (this.strategy.kind() == LockStrategy.FLOCK && LibC.AVAILABLE) {
			// how flock(2) is called: "ffm" (the JDK's Foreign Function & Memory API) or "jna"
			details.put("binding", LibC.POSIX.name());
		}
		details.put("waits", (this.kernelWait && this.strategy.waitsInKernel()) ? "kernel" : "backoff");
		return new LockBackendStatus("file", this.directory.toString(), details, problemWithDirectory());
	}

	/**
	 * The strategy in effect ({@link LockStrategy#AUTO} resolved).
	 */
	public LockStrategy strategy() {
		return this.strategy.kind();
	}

	public Path directory() {
		return this.directory;
	}

	private @Nullable String problemWithDirectory() {
		if (!Files.isDirectory(this.directory)) {
			if (Files.exists(this.directory)) {
				return "Lock directory " + this.directory + " is not a directory";
			}
			try {
				// created on first use anyway; creating it now tells whether that will work
				Files.createDirectories(this.directory);
			}
			catch (IOException ex) {
				return "Lock directory " + this.directory + " is missing and cannot be created: " + ex;
			}
		}
		if (!Files.isWritable(this.directory)) {
			return "Lock directory " + this.directory + " is not writable";
		}
		return null;
	}

	private static void createDirectory(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (FileAlreadyExistsException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": " + ex.getFile()
					+ " exists and is not a directory", ex);
		}
		catch (FileSystemException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": "
					+ ((ex.getReason() != null) ? ex.getReason() : ex.getClass().getSimpleName()) + " (" + ex.getFile()
					+ ")", ex);
		}
		catch (IOException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": " + ex.getMessage(), ex);
		}
	}

}
