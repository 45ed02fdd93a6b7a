package io.filelock.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.filelock.LockManagerBuilder;
import io.filelock.LockScope;
import io.filelock.LockStrategy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Configuration properties of file locks. A key under {@code file-lock.} that none of
 * these binds stops the startup, naming the nearest valid key: a typo such as
 * {@code file-lock.timout} would otherwise be ignored without a word.
 */
@ConfigurationProperties(prefix = "file-lock", ignoreUnknownFields = false)
public class FileLockProperties {

	/**
	 * The default order of the {@code @FileLocked} advisor: just before Spring's
	 * transaction advisor, which has {@link Ordered#LOWEST_PRECEDENCE} unless configured
	 * otherwise. The lock is therefore taken before the transaction begins and released
	 * after it has committed or rolled back, so that the next holder of the lock reads
	 * what this one wrote. A lock released before the commit would let the next holder
	 * read stale data and lose an update.
	 */
	public static final int DEFAULT_ASPECT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	/**
	 * Whether to enable file locks and the @FileLocked annotation. When disabled, the
	 * LockManager bean excludes the threads of this JVM only.
	 */
	private boolean enabled = true;

	/**
	 * Directory of the lock files, created when needed.
	 */
	private Path directory = LockManagerBuilder.defaultDirectory();

	/**
	 * Operating-system lock to take on lock files.
	 */
	private LockStrategy strategy = LockStrategy.AUTO;

	/**
	 * How long to wait for a lock before giving up. Zero makes a single attempt.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Wait after which a waiting caller logs one line saying who holds the lock.
	 */
	private Duration waitLogThreshold = Duration.ofSeconds(1);

	/**
	 * Whether a caller waiting for a lock held by another process waits in the kernel,
	 * which hands it the lock the moment it is released (the timeout and interrupts still
	 * end the wait), rather than retrying with the backoff. The backoff applies anyway
	 * with flock to virtual threads and off 64-bit Linux.
	 */
	private boolean kernelWait = true;

	/**
	 * Order of the @FileLocked advisor. The default takes the lock outside
	 * transactions, so that it is held until the commit.
	 */
	private int aspectOrder = DEFAULT_ASPECT_ORDER;

	/**
	 * How far locks must exclude other processes: 'host' (the processes of this host; a
	 * lock directory on a network filesystem whose locks stay on this host is used with a
	 * warning) or 'cluster' (the processes of every host that mounts the lock directory;
	 * the startup fails when the lock directory or a lock file is on a filesystem whose
	 * locks do not reach that far, a local one included).
	 */
	private LockScope scope = LockScope.HOST;

	/**
	 * Permissions of a lock directory created by the manager, in the form 'ls -l' shows
	 * them, whatever the umask; lock files get them without execute. An existing lock
	 * directory whose group may write is refused unless these let the group write, such
	 * as 'rwxrwx---' for a directory shared by a group of services.
	 */
	private String directoryPermissions = "rwx------";

	private final Backoff backoff = new Backoff();

	/**
	 * Per-lock settings, by lock name, overriding the shared ones.
	 */
	private final Map<String, Lock> locks = new LinkedHashMap<>();

	private final Metrics metrics = new Metrics();

	/**
	 * Where locks are held against other processes: lock files (on this host, or on a
	 * shared file system), or advisory locks of a PostgreSQL server (several hosts).
	 */
	private Backend backend = Backend.FILE;

	private final Postgres postgres = new Postgres();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(Path directory) {
		this.directory = directory;
	}

	public LockStrategy getStrategy() {
		return this.strategy;
	}

	public void setStrategy(LockStrategy strategy) {
		this.strategy = strategy;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getWaitLogThreshold() {
		return this.waitLogThreshold;
	}

	public void setWaitLogThreshold(Duration waitLogThreshold) {
		this.waitLogThreshold = waitLogThreshold;
	}

	public boolean isKernelWait() {
		return this.kernelWait;
	}

	public void setKernelWait(boolean kernelWait) {
		this.kernelWait = kernelWait;
	}

	public int getAspectOrder() {
		return this.aspectOrder;
	}

	public void setAspectOrder(int aspectOrder) {
		this.aspectOrder = aspectOrder;
	}

	public LockScope getScope() {
		return this.scope;
	}

	public void setScope(LockScope scope) {
		this.scope = scope;
	}

	public String getDirectoryPermissions() {
		return this.directoryPermissions;
	}

	public void setDirectoryPermissions(String directoryPermissions) {
		this.directoryPermissions = directoryPermissions;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	public Map<String, Lock> getLocks() {
		return this.locks;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Backend getBackend() {
		return this.backend;
	}

	public void setBackend(Backend backend) {
		this.backend = backend;
	}

	public Postgres getPostgres() {
		return this.postgres;
	}

	/**
	 * How attempts on a lock held by another process are spaced.
	 */
	public static class Backoff {

		/**
		 * Delay before the first retry.
		 */
		private Duration initialDelay = Duration.ofMillis(1);

		/**
		 * Factor applied to the delay after each retry. At least 1.
		 */
		private double multiplier = 2.0;

		/**
		 * Upper bound of a delay. At least the initial delay.
		 */
		private Duration maxDelay = Duration.ofMillis(50);

		/**
		 * Random variation added to or subtracted from each delay.
		 */
		private Duration jitter = Duration.ofMillis(1);

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * Settings of one lock. Whatever is not set falls back to the shared settings.
	 */
	public static class Lock {

		/**
		 * How long to wait for this lock before giving up.
		 */
		private @Nullable Duration timeout;

		/**
		 * Explicit lock file, for example one that a 'flock' command also locks. The
		 * file is locked but never written to; its directory must exist.
		 */
		private @Nullable Path path;

		private final LockBackoff backoff = new LockBackoff();

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Path getPath() {
			return this.path;
		}

		public void setPath(@Nullable Path path) {
			this.path = path;
		}

		public LockBackoff getBackoff() {
			return this.backoff;
		}

	}

	/**
	 * Backoff of one lock; whatever is not set falls back to the shared backoff.
	 */
	public static class LockBackoff {

		/**
		 * Delay before the first retry.
		 */
		private @Nullable Duration initialDelay;

		/**
		 * Factor applied to the delay after each retry.
		 */
		private @Nullable Double multiplier;

		/**
		 * Upper bound of a delay.
		 */
		private @Nullable Duration maxDelay;

		/**
		 * Random variation added to or subtracted from each delay.
		 */
		private @Nullable Duration jitter;

		public @Nullable Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(@Nullable Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(@Nullable Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public @Nullable Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(@Nullable Duration jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * Metrics of file locks.
	 */
	public static class Metrics {

		/**
		 * Whether to record file lock metrics.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Where locks are held against other processes.
	 */
	public enum Backend {

		/**
		 * Lock files in the lock directory, locked with flock or fcntl.
		 */
		FILE,

		/**
		 * Session-level advisory locks of the PostgreSQL server of file-lock.postgres.*.
		 */
		POSTGRES

	}

	/**
	 * The PostgreSQL server of the postgres backend.
	 */
	public static class Postgres {

		/**
		 * JDBC URL of the PostgreSQL server, such as jdbc:postgresql://db:5432/app.
		 * Defaults to spring.datasource.url when that is a PostgreSQL URL.
		 */
		private @Nullable String url;

		/**
		 * Login user of the server. Defaults to spring.datasource.username when
		 * spring.datasource.url is a PostgreSQL URL.
		 */
		private @Nullable String username;

		/**
		 * Login password of the server. Defaults to spring.datasource.password when
		 * spring.datasource.url is a PostgreSQL URL.
		 */
		private @Nullable String password;

		/**
		 * Maximum number of connections the lock manager opens: one for short statements,
		 * and one for each lock a thread waits for in the server's queue (which then holds
		 * that lock). With 1, waiters retry with the backoff.
		 */
		private int maxSessions = 4;

		/**
		 * Maximum time to open a connection.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		private final Keepalive keepalive = new Keepalive();

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Keepalive getKeepalive() {
			return this.keepalive;
		}

	}

	/**
	 * How a session whose client vanished is found: server-side TCP keepalives. The
	 * server frees the locks of a vanished host within idle + interval x count.
	 */
	public static class Keepalive {

		/**
		 * Quiet time after which the server probes a session's client
		 * (tcp_keepalives_idle).
		 */
		private Duration idle = Duration.ofSeconds(10);

		/**
		 * Time between the server's probes (tcp_keepalives_interval), and between the
		 * lock manager's checks of its sessions that hold locks.
		 */
		private Duration interval = Duration.ofSeconds(5);

		/**
		 * Unanswered probes after which the server ends the session and frees its locks
		 * (tcp_keepalives_count).
		 */
		private int count = 3;

		public Duration getIdle() {
			return this.idle;
		}

		public void setIdle(Duration idle) {
			this.idle = idle;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

	}

}
