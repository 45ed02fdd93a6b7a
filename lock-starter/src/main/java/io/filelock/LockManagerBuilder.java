package io.filelock;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.filelock.spi.LockListener;
import io.filelock.spi.LockManagerProvider;
import io.filelock.spi.LockManagerSettings;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link LockManager} without Spring.
 *
 * <pre class="code">
 * LockManager locks = LockManager.builder()
 *     .directory(Path.of("/var/lock/myapp"))
 *     .timeout(Duration.ofSeconds(5))
 *     .lock("backup", policy -&gt; policy.withPath(Path.of("/var/lock/backup.lock")))
 *     .build();
 * </pre>
 * The manager is created by the {@link LockManagerProvider} of the class path (the
 * starter's locking engine).
 */
public final class LockManagerBuilder {

	/**
	 * The default lock directory: {@code file-locks} in {@code java.io.tmpdir}.
	 * @return the directory, as {@code java.io.tmpdir} says now
	 */
	public static Path defaultDirectory() {
		return Path.of(System.getProperty("java.io.tmpdir"), "file-locks");
	}

	/**
	 * The default timeout of {@link LockManager#acquire(String)}.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The default wait after which a still-waiting caller logs one INFO line.
	 */
	public static final Duration DEFAULT_WAIT_LOG_THRESHOLD = Duration.ofSeconds(1);

	/**
	 * The default permissions of a lock directory the manager creates: {@code rwx------}.
	 */
	public static final Set<PosixFilePermission> DEFAULT_DIRECTORY_PERMISSIONS = Set
		.copyOf(PosixFilePermissions.fromString("rwx------"));

	private LockBackendKind backend = LockBackendKind.FILE;

	private Path directory = defaultDirectory();

	private LockStrategy strategy = LockStrategy.AUTO;

	private Duration timeout = DEFAULT_TIMEOUT;

	private Backoff backoff = Backoff.DEFAULT;

	private final Map<String, UnaryOperator<LockPolicy>> locks = new LinkedHashMap<>();

	private @Nullable String applicationName;

	private final List<LockListener> listeners = new ArrayList<>();

	private Duration waitLogThreshold = DEFAULT_WAIT_LOG_THRESHOLD;

	private boolean kernelWait = true;

	private LockScope scope = LockScope.HOST;

	private Set<PosixFilePermission> directoryPermissions = DEFAULT_DIRECTORY_PERMISSIONS;

	private @Nullable PostgresSettings postgres;

	LockManagerBuilder() {
	}

	/**
	 * Where locks are held against other processes: lock files (the default), a
	 * PostgreSQL server ({@link LockBackendKind#POSTGRES}, with {@link #postgres}) or
	 * nowhere ({@link LockBackendKind#LOCAL}, the threads of this JVM only).
	 * @param backend the kind of backend
	 * @return this builder
	 */
	public LockManagerBuilder backend(LockBackendKind backend) {
		this.backend = Objects.requireNonNull(backend, "backend must not be null");
		return this;
	}

	/**
	 * Directory of the lock files, created on demand.
	 * @param directory the directory, shared by every process that must exclude the others
	 * @return this builder
	 */
	public LockManagerBuilder directory(Path directory) {
		this.directory = Objects.requireNonNull(directory, "directory must not be null");
		return this;
	}

	/**
	 * Operating-system lock to take on lock files.
	 * @param strategy {@link LockStrategy#AUTO} by default
	 * @return this builder
	 */
	public LockManagerBuilder strategy(LockStrategy strategy) {
		this.strategy = Objects.requireNonNull(strategy, "strategy must not be null");
		return this;
	}

	/**
	 * Default timeout of every lock; zero means a single attempt.
	 * @param timeout at least zero, {@link #DEFAULT_TIMEOUT} by default
	 * @return this builder
	 */
	public LockManagerBuilder timeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout must not be null");
		this.timeout = InvalidLockSettingException.notNegative("timeout", timeout);
		return this;
	}

	/**
	 * Default backoff of every lock.
	 * @param backoff {@link Backoff#DEFAULT} by default
	 * @return this builder
	 */
	public LockManagerBuilder backoff(Backoff backoff) {
		this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
		return this;
	}

	/**
	 * Overrides the policy of the lock with the given name; {@code customizer} receives
	 * the defaults.
	 * @param name the lock's name
	 * @param customizer turns the default policy into this lock's; applied after any
	 * earlier one for the same name
	 * @return this builder
	 */
	public LockManagerBuilder lock(String name, UnaryOperator<LockPolicy> customizer) {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(customizer, "customizer must not be null");
		this.locks.merge(name, customizer, (first, second) -> (policy) -> second.apply(first.apply(policy)));
		return this;
	}

	/**
	 * Name written into owner records, so that a waiting process can say which
	 * application holds a lock.
	 * @param applicationName the name, or null for none
	 * @return this builder
	 */
	public LockManagerBuilder applicationName(@Nullable String applicationName) {
		this.applicationName = applicationName;
		return this;
	}

	/**
	 * Adds a listener that the manager tells of every acquisition and release.
	 * @param listener the listener
	 * @return this builder
	 */
	public LockManagerBuilder listener(LockListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
		return this;
	}

	/**
	 * How long a caller waits before one INFO line says whom it is waiting for.
	 * @param waitLogThreshold {@link #DEFAULT_WAIT_LOG_THRESHOLD} by default
	 * @return this builder
	 */
	public LockManagerBuilder waitLogThreshold(Duration waitLogThreshold) {
		Objects.requireNonNull(waitLogThreshold, "waitLogThreshold must not be null");
		this.waitLogThreshold = InvalidLockSettingException.notNegative("waitLogThreshold", waitLogThreshold);
		return this;
	}

	/**
	 * Whether a caller waiting for a lock that another process holds blocks in the
	 * kernel, which hands it the lock the moment it is released, its timeout and
	 * interrupts cutting the wait short (the default); or retries with the backoff. The
	 * backoff applies anyway where the kernel wait is not available: with {@code FLOCK}
	 * to virtual threads and off 64-bit Linux, with {@code FCNTL} past a bound of
	 * simultaneous waits, and after the kernel refused a wait as a deadlock.
	 * @param kernelWait true by default
	 * @return this builder
	 */
	public LockManagerBuilder kernelWait(boolean kernelWait) {
		this.kernelWait = kernelWait;
		return this;
	}

	/**
	 * How far locks must exclude other processes: those of this host (the default), or
	 * those of every host that mounts the lock directory, in which case {@link #build()}
	 * fails with a {@link LockScopeException} when the lock directory or a lock's own file
	 * is on a filesystem whose locks do not reach that far (a local one included).
	 * @param scope how far locks must exclude other processes
	 * @return this builder
	 */
	public LockManagerBuilder scope(LockScope scope) {
		this.scope = Objects.requireNonNull(scope, "scope must not be null");
		return this;
	}

	/**
	 * Permissions of a lock directory the manager creates, whatever the umask; its lock
	 * files get the same without execute. The default, {@code rwx------}, keeps other
	 * users out; {@code rwxrwx---} shares the directory with a group. A lock directory
	 * that exists already is refused when it is owned by another user than this
	 * process's and root, writable by other users without the sticky bit, or writable by
	 * its group when these permissions do not let the group write.
	 * @param directoryPermissions permissions of a lock directory the manager creates
	 * @return this builder
	 * @throws InvalidLockSettingException unless the owner may read, write and search the
	 * directory, and other users may not write to it
	 */
	public LockManagerBuilder directoryPermissions(Set<PosixFilePermission> directoryPermissions) {
		Objects.requireNonNull(directoryPermissions, "directoryPermissions must not be null");
		Set<PosixFilePermission> permissions = directoryPermissions.isEmpty()
				? EnumSet.noneOf(PosixFilePermission.class) : EnumSet.copyOf(directoryPermissions);
		String value = PosixFilePermissions.toString(permissions);
		if (!permissions.containsAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_EXECUTE))) {
			throw new InvalidLockSettingException("directoryPermissions", value,
					"must let the owner read, write and search the directory (rwx------ or more)");
		}
		if (permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
			throw new InvalidLockSettingException("directoryPermissions", value,
					"must not let other users write (any user could then replace or hold the lock files); "
							+ "share the directory with a group instead, such as rwxrwx---");
		}
		this.directoryPermissions = Set.copyOf(permissions);
		return this;
	}

	/**
	 * The server of the {@link LockBackendKind#POSTGRES} backend.
	 * @param postgres its connection and session settings
	 * @return this builder
	 */
	public LockManagerBuilder postgres(PostgresSettings postgres) {
		this.postgres = Objects.requireNonNull(postgres, "postgres must not be null");
		return this;
	}

	/**
	 * What this builder was told, with every per-lock customizer applied.
	 * @return the settings a {@link LockManagerProvider} builds a manager from
	 */
	public LockManagerSettings settings() {
		LockPolicy defaults = new LockPolicy(this.timeout, this.backoff, null);
		Map<String, LockPolicy> policies = new LinkedHashMap<>();
		this.locks.forEach((name, customizer) -> policies.put(name, customizer.apply(defaults)));
		return new LockManagerSettings(this.backend, this.directory, this.strategy, defaults, policies, this.applicationName,
				this.listeners, this.waitLogThreshold, this.kernelWait, this.scope, this.directoryPermissions,
				this.postgres);
	}

	/**
	 * Builds the manager. Close it when done with it: it keeps a few idle lock files open
	 * for quick reuse. A manager of the {@link LockBackendKind#POSTGRES} backend connects
	 * once here, so that an unreachable server or refused credentials fail the build.
	 * @return a new manager
	 * @throws IllegalStateException if no {@link LockManagerProvider} is on the class path
	 * @throws InvalidLockSettingException if the {@code POSTGRES} backend has no
	 * {@link #postgres settings}
	 * @throws LockException if the {@code POSTGRES} backend cannot reach its server
	 */
	public LockManager build() {
		return Provider.INSTANCE.create(settings());
	}

	/**
	 * The provider of the class path, looked up once.
	 */
	private static final class Provider {

		static final LockManagerProvider INSTANCE = ServiceLoader
			.load(LockManagerProvider.class, LockManagerBuilder.class.getClassLoader())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No " + LockManagerProvider.class.getName()
					+ " on the class path: file-lock-spring-boot-starter's engine is missing"));

	}

}
