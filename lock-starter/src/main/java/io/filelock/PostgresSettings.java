package io.filelock;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link LockManager} with the {@link LockBackendKind#POSTGRES} backend reaches
 * its server, and how it notices that a session ended.
 *
 * <pre class="code">
 * LockManager locks = LockManager.builder()
 *     .backend(LockBackendKind.POSTGRES)
 *     .postgres(PostgresSettings.of("jdbc:postgresql://db:5432/app", "app", secret).withMaxSessions(8))
 *     .build();
 * </pre>
 *
 * @param url the JDBC URL: {@code jdbc:postgresql://host[:port]/database}
 * @param username the user, or null for the driver's default (or the URL's)
 * @param password the password, or null for none (or the URL's)
 * @param maxSessions how many connections the manager opens at most: one for short
 * statements (a try, a release, a look at the holders) and, for each lock that a thread
 * waits for in the server's queue, one more, which holds that lock once taken. A caller
 * that finds them all in use waits by retrying with its backoff instead
 * @param connectTimeout how long opening a connection may take
 * @param keepaliveIdle server-side {@code tcp_keepalives_idle}: quiet time before the
 * server probes a session's client
 * @param keepaliveInterval server-side {@code tcp_keepalives_interval}, and how often the
 * manager checks the sessions that hold locks
 * @param keepaliveCount server-side {@code tcp_keepalives_count}: unanswered probes after
 * which the server ends the session and frees its locks
 */
public record PostgresSettings(String url, @Nullable String username, @Nullable String password, int maxSessions,
		Duration connectTimeout, Duration keepaliveIdle, Duration keepaliveInterval, int keepaliveCount) {

	/** The default of {@link #maxSessions}. */
	public static final int DEFAULT_MAX_SESSIONS = 4;

	/** The default of {@link #connectTimeout}. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** The default of {@link #keepaliveIdle}. */
	public static final Duration DEFAULT_KEEPALIVE_IDLE = Duration.ofSeconds(10);

	/** The default of {@link #keepaliveInterval}. */
	public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(5);

	/** The default of {@link #keepaliveCount}. */
	public static final int DEFAULT_KEEPALIVE_COUNT = 3;

	private static final String URL_PREFIX = "jdbc:postgresql:";

	/**
	 * Checks the values.
	 * @param url the JDBC URL
	 * @param username the user, or null
	 * @param password the password, or null
	 * @param maxSessions how many connections the manager opens at most, at least 1
	 * @param connectTimeout how long opening a connection may take, at least 1 s
	 * @param keepaliveIdle quiet time before the server probes a client, at least 1 s
	 * @param keepaliveInterval time between probes, at least 1 s
	 * @param keepaliveCount unanswered probes after which the server ends the session, at
	 * least 1
	 * @throws InvalidLockSettingException naming the value that cannot work
	 */
	public PostgresSettings {
		Objects.requireNonNull(url, "url must not be null");
		Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
		Objects.requireNonNull(keepaliveIdle, "keepaliveIdle must not be null");
		Objects.requireNonNull(keepaliveInterval, "keepaliveInterval must not be null");
		if (!isPostgresUrl(url)) {
			throw new InvalidLockSettingException("url", url,
					"must be a PostgreSQL JDBC URL, such as jdbc:postgresql://host:5432/database");
		}
		if (maxSessions < 1) {
			throw new InvalidLockSettingException("maxSessions", maxSessions, "must be at least 1");
		}
		atLeastOneSecond("connectTimeout", connectTimeout);
		atLeastOneSecond("keepaliveIdle", keepaliveIdle);
		atLeastOneSecond("keepaliveInterval", keepaliveInterval);
		if (keepaliveCount < 1) {
			throw new InvalidLockSettingException("keepaliveCount", keepaliveCount, "must be at least 1");
		}
	}

	/**
	 * Settings with the defaults for everything but the connection.
	 * @param url the JDBC URL: {@code jdbc:postgresql://host[:port]/database}
	 * @param username the user, or null for the driver's default (or the URL's)
	 * @param password the password, or null for none (or the URL's)
	 * @return the settings
	 */
	public static PostgresSettings of(String url, @Nullable String username, @Nullable String password) {
		return new PostgresSettings(url, username, password, DEFAULT_MAX_SESSIONS, DEFAULT_CONNECT_TIMEOUT,
				DEFAULT_KEEPALIVE_IDLE, DEFAULT_KEEPALIVE_INTERVAL, DEFAULT_KEEPALIVE_COUNT);
	}

	/**
	 * Whether {@code url} is a JDBC URL of the PostgreSQL driver.
	 * @param url a JDBC URL, or null
	 * @return true for {@code jdbc:postgresql:…}
	 */
	public static boolean isPostgresUrl(@Nullable String url) {
		return url != null && url.startsWith(URL_PREFIX);
	}

	/**
	 * These settings with another number of sessions.
	 * @param maxSessions how many connections the manager opens at most
	 * @return new settings
	 */
	public PostgresSettings withMaxSessions(int maxSessions) {
		return new PostgresSettings(this.url, this.username, this.password, maxSessions, this.connectTimeout,
				this.keepaliveIdle, this.keepaliveInterval, this.keepaliveCount);
	}

	/**
	 * These settings with another connect timeout.
	 * @param connectTimeout how long opening a connection may take
	 * @return new settings
	 */
	public PostgresSettings withConnectTimeout(Duration connectTimeout) {
		return new PostgresSettings(this.url, this.username, this.password, this.maxSessions, connectTimeout,
				this.keepaliveIdle, this.keepaliveInterval, this.keepaliveCount);
	}

	/**
	 * These settings with other TCP keepalive values, which bound how long a lost
	 * session's locks stay held ({@link #lossBound()}).
	 * @param idle quiet time before the server probes a client
	 * @param interval time between probes, and between the manager's checks of its
	 * sessions
	 * @param count unanswered probes after which the server ends the session
	 * @return new settings
	 */
	public PostgresSettings withKeepalive(Duration idle, Duration interval, int count) {
		return new PostgresSettings(this.url, this.username, this.password, this.maxSessions, this.connectTimeout,
				idle, interval, count);
	}

	/**
	 * How long after its host vanished the server frees a session's locks at most:
	 * {@code keepaliveIdle + keepaliveInterval × keepaliveCount} (25 s by default).
	 * @return the bound
	 */
	public Duration lossBound() {
		return this.keepaliveIdle.plus(this.keepaliveInterval.multipliedBy(this.keepaliveCount));
	}

	@Override
	public String toString() {
		return "PostgresSettings[url=" + this.url + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "******" : null) + ", maxSessions=" + this.maxSessions + ", connectTimeout="
				+ this.connectTimeout + ", keepalive=" + this.keepaliveIdle + "/" + this.keepaliveInterval + "/"
				+ this.keepaliveCount + "]";
	}

	private static void atLeastOneSecond(String setting, Duration duration) {
		if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidLockSettingException(setting, duration, "must be at least 1s");
		}
	}

}
