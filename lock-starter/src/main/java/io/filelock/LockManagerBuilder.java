package io.filelock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
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

	private @Nullable PostgresSettings postgres;

	LockManagerBuilder() {
	}

	/**
	 * Where locks are held against other processes: lock files (the default), a
	 * PostgreSQL server ({@link LockBackendKind#POSTGRES}, with {@link #postgres}) or
	 * nowhere ({@link LockBackendKind#LOCAL}, the threads of this JVM only).
	 */
	public LockManagerBuilder backend(LockBackendKind backend) {
		this.backend = Objects.requireNonNull(backend, "backend must not be null");
		return this;
	}

	/**
	 * Directory of the lock files, created on demand.
	 */
	public LockManagerBuilder directory(Path directory) {
		this.directory = Objects.requireNonNull(directory, "directory must not be null");
		return this;
	}

	public LockManagerBuilder strategy(LockStrategy strategy) {
		this.strategy = Objects.requireNonNull(strategy, "strategy must not be null");
		return this;
	}

	/**
	 * Default timeout of every lock; zero means a single attempt.
	 */
	public LockManagerBuilder timeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout must not be null");
		this.timeout = InvalidLockSettingException.notNegative("timeout", timeout);
		return this;
	}

	/**
	 * Default backoff of every lock.
	 */
	public LockManagerBuilder backoff(Backoff backoff) {
		this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
		return this;
	}

	/**
	 * Overrides the policy of the lock with the given name; {@code customizer} receives
	 * the defaults.
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
	 */
	public LockManagerBuilder applicationName(@Nullable String applicationName) {
		this.applicationName = applicationName;
		return this;
	}

	public LockManagerBuilder listener(LockListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
		return this;
	}

	/**
	 * How long a caller waits before one INFO line says whom it is waiting for.
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
	 */
	public LockManagerBuilder kernelWait(boolean kernelWait) {
		this.kernelWait = kernelWait;
		return this;
	}

	/**
	 * The server of the {@link LockBackendKind#POSTGRES} backend.
	 */
	public LockManagerBuilder postgres(PostgresSettings postgres) {
		this.postgres = Objects.requireNonNull(postgres, "postgres must not be null");
		return this;
	}

	/**
	 * What this builder was told, with every per-lock customizer applied.
	 */
	public LockManagerSettings settings() {
		LockPolicy defaults = new LockPolicy(this.timeout, this.backoff, null);
		Map<String, LockPolicy> policies = new LinkedHashMap<>();
		this.locks.forEach((name, customizer) -> policies.put(name, customizer.apply(defaults)));
		return new LockManagerSettings(this.backend, this.directory, this.strategy, defaults, policies, this.applicationName,
				this.listeners, this.waitLogThreshold, this.kernelWait, this.postgres);
	}

	/**
	 * Builds the manager. Close it when done with it: it keeps a few idle lock files open
	 * for quick reuse. A manager of the {@link LockBackendKind#POSTGRES} backend connects
	 * once here, so that an unreachable server or refused credentials fail the build.
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
