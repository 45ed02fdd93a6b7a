package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.filelock.LockException;
import io.filelock.LockManagerBuilder;
import io.filelock.LockPolicy;
import io.filelock.LockStrategy;
import io.filelock.engine.BackendKey;
import io.filelock.engine.BackendLock;
import io.filelock.engine.HostName;
import io.filelock.engine.LockBackend;
import io.filelock.engine.file.scope.LockScopeProbe;
import io.filelock.engine.file.scope.Reach;
import io.filelock.engine.file.scope.ScopeReport;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockManagerSettings;
import org.jspecify.annotations.Nullable;

/**
 * Locks held on lock files: a lock named {@code N} is {@code N.lock} in the lock
 * directory (created when needed), or the file its policy names. The directory of a lock
 * file must be in the hands of this process's user ({@link LockDirectories}), and the
 * reach of the locks on its filesystem is probed when the backend is built
 * ({@link LockScopes}).
 */
public final class FileBackend implements LockBackend {

	/** This process's mount table and file system. */
	static final LockScopeProbe PROBE = new LockScopeProbe(NativeFacts::statfsMagic);

	/** How many names {@link #keyOf} keeps resolved. */
	private static final int KEY_CACHE_SIZE = 256;

	private final Path directory;

	private final LockFileStrategy strategy;

	private final boolean kernelWait;

	private final String host = HostName.local();

	private final OwnerRecordWriter records;

	private final LockDirectories directories;

	/** How far the locks in the lock directory reach, probed when the backend was built. */
	private final ScopeReport scope;

	/** Lock files by name in the lock directory: encoding a name and resolving it cost more than the lookup. */
	private final ConcurrentHashMap<String, LockFileKey> keys = new ConcurrentHashMap<>();

	/**
	 * @param kernelWait whether the manager waits in the kernel where the strategy can
	 * (for {@link #status()})
	 */
	public FileBackend(Path directory, LockFileStrategy strategy, @Nullable String applicationName,
			boolean kernelWait) {
		this(directory, strategy, applicationName, kernelWait, LockManagerBuilder.DEFAULT_DIRECTORY_PERMISSIONS);
	}

	/**
	 * @param directoryPermissions of the directories the backend creates, see
	 * {@link LockDirectories}
	 */
	FileBackend(Path directory, LockFileStrategy strategy, @Nullable String applicationName, boolean kernelWait,
			Set<PosixFilePermission> directoryPermissions) {
		this.directory = directory.toAbsolutePath().normalize();
		this.strategy = strategy;
		this.kernelWait = kernelWait;
		this.records = new OwnerRecordWriter(ProcessHandle.current().pid(), this.host, applicationName);
		this.directories = new LockDirectories(directoryPermissions);
		this.scope = PROBE.probe(this.directory, strategy.kind());
	}

	/**
	 * The backend the settings ask for: their directory, with their strategy and
	 * permissions. Logs the startup line, and warns of lock files whose locks reach fewer
	 * hosts than their filesystem is shared with.
	 * @throws io.filelock.LockScopeException if the lock directory or a lock's own file is
	 * where locks do not reach as far as the settings' scope
	 */
	public static FileBackend of(LockManagerSettings settings) {
		FileBackend backend = new FileBackend(settings.directory(), LockFileStrategy.select(settings.strategy()),
				settings.applicationName(), settings.kernelWait(), settings.directoryPermissions());
		// in the order of their names: the policies come in no order
		Map<String, Path> lockFiles = new TreeMap<>();
		settings.policies().forEach((name, policy) -> {
			if (policy.path() != null) {
				lockFiles.put(name, policy.path());
			}
		});
		LockScopes scopes = new LockScopes(backend.scope, lockFiles, PROBE, backend.strategy());
		scopes.require(settings.scope());
		scopes.log(describe(backend.how()));
		return backend;
	}

	@Override
	public BackendKey keyOf(String name, LockPolicy policy) {
		Path explicit = policy.path();
		if (explicit != null) {
			return new LockFileKey(explicit.toAbsolutePath().normalize(), false);
		}
		LockFileKey cached = this.keys.get(name);
		if (cached == null) {
			cached = new LockFileKey(this.directory.resolve(LockFileNames.fileName(name)), true);
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
		Path directory = key.path.getParent();
		String subject = key.managed ? "Lock directory " + directory
				: "Directory " + directory + " of lock file " + key.path;
		this.directories.verify(directory, subject);
		this.directories.createFile(key.path);
		try {
			return this.strategy.open(key.path, key.managed);
		}
		catch (OpenFailedException ex) {
			if (!key.managed || !ex.missingDirectory()) {
				throw ex;
			}
			createDirectory(directory);
			this.directories.forget(directory);
			this.directories.verify(directory, subject);
			this.directories.createFile(key.path);
			return this.strategy.open(key.path, key.managed);
		}
	}

	byte[] recordOf(Thread holder) {
		return this.records.recordOf(holder, System.currentTimeMillis());
	}

	@Override
	public Optional<LockHolders> holders(BackendKey key) {
		Path path = ((LockFileKey) key).path;
		try {
			return Optional.of(Holders.of(this.strategy.read(path, OwnerRecord.MAX_BYTES), path, this.host));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new LockException("Cannot read lock file " + path + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * What the backend's status details say: how locks are taken and waited for
	 * ({@link #how()}), then where the lock directory is and how far its locks reach.
	 */
	@Override
	public LockBackendStatus status() {
		Map<String, String> details = new LinkedHashMap<>(how());
		details.putAll(this.scope.details());
		return new LockBackendStatus("file", this.directory.toString(), details, problemWithDirectory());
	}

	/**
	 * How locks are taken and waited for; the status details and the startup line show
	 * each entry, in order.
	 */
	private Map<String, String> how() {
		Map<String, String> how = new LinkedHashMap<>();
		how.put("strategy", this.strategy.kind().name());
		how.put("waits", (this.kernelWait && this.strategy.waitsInKernel()) ? "kernel" : "backoff");
		return how;
	}

	/**
	 * The entries of {@link #how()} as the startup line shows them: {@code strategy FLOCK,
	 * waits in the kernel}.
	 */
	static String describe(Map<String, String> how) {
		StringJoiner text = new StringJoiner(", ");
		how.forEach((name, value) -> text.add(switch (name) {
			case "waits" -> value.equals("kernel") ? "waits in the kernel" : "waits with " + value;
			default -> name + " " + value;
		}));
		return text.toString();
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
		if (refused != null) {
			return "Lock directory " + this.directory + " " + refused;
		}
		if (this.scope.reach() == Reach.NONE) {
			return "Locks in " + this.directory + " are not enforced: " + this.scope.verdict().reason();
		}
		return null;
	}

	private void createDirectory(Path directory) {
		try {
			this.directories.create(directory);
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
