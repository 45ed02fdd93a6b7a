package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

	private final ManagerRegistry registry;

	private final Holders holders;

	private final LockDirectories directories;

	private final LockLocations locations;

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
		this(directory, strategy, applicationName, kernelWait, LockManagerBuilder.DEFAULT_DIRECTORY_PERMISSIONS,
				Map.of());
	}

	/**
	 * @param directoryPermissions of the directories the backend creates, see
	 * {@link LockDirectories}
	 * @param lockFiles the files of the locks with paths of their own, by lock name
	 */
	FileBackend(Path directory, LockFileStrategy strategy, @Nullable String applicationName, boolean kernelWait,
			Set<PosixFilePermission> directoryPermissions, Map<String, Path> lockFiles) {
		this.directory = directory.toAbsolutePath().normalize();
		this.strategy = strategy;
		this.kernelWait = kernelWait;
		long pid = ProcessHandle.current().pid();
		this.records = new OwnerRecordWriter(pid, this.host, applicationName);
		this.directories = new LockDirectories(directoryPermissions);
		this.registry = new ManagerRegistry(this.directory, pid, this.host, applicationName, this.directories);
		this.holders = new Holders(this.host, this.registry);
		this.locations = new LockLocations(this.directory, lockFiles, this.directories);
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
		// in the order of their names: the policies come in no order
		Map<String, Path> lockFiles = new TreeMap<>();
		settings.policies().forEach((name, policy) -> {
			if (policy.path() != null) {
				lockFiles.put(name, policy.path());
			}
		});
		FileBackend backend = new FileBackend(settings.directory(), LockFileStrategy.select(settings.strategy()),
				settings.applicationName(), settings.kernelWait(), settings.directoryPermissions(), lockFiles);
		LockScopes scopes = new LockScopes(backend.scope, lockFiles, PROBE, backend.strategy());
		scopes.require(settings.scope());
		scopes.log(backend.how());
		return backend;
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
			this.locations.create(directory);
			this.directories.forget(directory);
			this.directories.verify(directory, subject);
			this.directories.createFile(key.path);
			return this.strategy.open(key.path, key.managed);
		}
	}

	/**
	 * Where the owner record of a lock with an explicit path is kept.
	 */
	SidecarRecord sidecar(Path file) {
		return new SidecarRecord(file, this.directories);
	}

	@Override
	public void checkLocations() {
		this.locations.check();
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
		if (this.strategy.kind() != LockStrategy.FCNTL && LibC.AVAILABLE) {
			// how flock(2) is called: "ffm" (the JDK's Foreign Function & Memory API) or "jna"
			how.put("binding", LibC.POSIX.name());
		}
		how.put("waits", (this.kernelWait && this.strategy.waitsInKernel()) ? "kernel" : "backoff");
		return how;
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
		String problem = this.locations.problem();
		if (problem == null && this.scope.reach() == Reach.NONE) {
			return "Locks in " + this.directory + " are not enforced: " + this.scope.verdict().reason();
		}
		return problem;
	}

}
