package io.filelock.autoconfigure;

import io.filelock.InvalidLockSettingException;
import io.filelock.LockException;
import io.filelock.PostgresSettings;
import io.filelock.autoconfigure.FileLockProperties.Keepalive;
import io.filelock.autoconfigure.FileLockProperties.Postgres;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The server of {@code file-lock.backend=postgres}, from {@code file-lock.postgres.*}.
 * The URL, user and password each fall back to {@code spring.datasource.url},
 * {@code username} and {@code password} when unset, if {@code spring.datasource.url} is a
 * PostgreSQL URL: the locks then live in the application's own database, on connections
 * of their own. Every value that cannot work fails the startup naming the property it came
 * from.
 *
 * @param settings what the lock manager is given
 * @param urlProperty the property the URL came from, for the failure analysis of a
 * server that cannot be reached
 */
record PostgresConnection(PostgresSettings settings, String urlProperty) {

	private static final String PREFIX = "file-lock.postgres.";

	private static final String DRIVER = "org.postgresql.Driver";

	static PostgresConnection resolve(Postgres properties, Environment environment, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(DRIVER, classLoader)) {
			throw new InvalidConfigurationPropertyValueException("file-lock.backend", "postgres",
					"needs the PostgreSQL JDBC driver (" + DRIVER
							+ ") on the class path: add the dependency org.postgresql:postgresql");
		}
		String dataSourceUrl = environment.getProperty("spring.datasource.url");
		boolean fallBack = PostgresSettings.isPostgresUrl(dataSourceUrl);
		String url = properties.getUrl();
		String urlProperty = PREFIX + "url";
		if (url == null && fallBack) {
			url = dataSourceUrl;
			urlProperty = "spring.datasource.url";
		}
		if (url == null) {
			throw new InvalidConfigurationPropertyValueException(urlProperty, null,
					"must be set with file-lock.backend=postgres, unless spring.datasource.url is a PostgreSQL URL"
							+ ((dataSourceUrl != null) ? " (it is '" + dataSourceUrl + "')" : ""));
		}
		if (!PostgresSettings.isPostgresUrl(url)) {
			throw new InvalidConfigurationPropertyValueException(urlProperty, url,
					"must be a PostgreSQL JDBC URL with file-lock.backend=postgres, such as "
							+ "jdbc:postgresql://host:5432/database");
		}
		String username = orFallback(properties.getUsername(), fallBack, environment, "spring.datasource.username");
		String password = orFallback(properties.getPassword(), fallBack, environment, "spring.datasource.password");
		Keepalive keepalive = properties.getKeepalive();
		try {
			PostgresSettings settings = PostgresSettings.of(url, username, password)
				.withMaxSessions(properties.getMaxSessions())
				.withConnectTimeout(properties.getConnectTimeout())
				.withKeepalive(keepalive.getIdle(), keepalive.getInterval(), keepalive.getCount());
			return new PostgresConnection(settings, urlProperty);
		}
		catch (InvalidLockSettingException ex) {
			throw new InvalidConfigurationPropertyValueException(propertyOf(ex.getSetting()), ex.getValue(),
					ex.getRequirement());
		}
	}

	/**
	 * A failure to reach the server at startup, reported on the property of its URL (the
	 * password never shown).
	 */
	InvalidConfigurationPropertyValueException unavailable(LockException ex) {
		return new InvalidConfigurationPropertyValueException(this.urlProperty, this.settings.url().replaceAll(
				"(?i)([?&]password=)[^&]*", "$1******"), ex.getMessage());
	}

	private static @Nullable String orFallback(@Nullable String value, boolean fallBack, Environment environment,
			String property) {
		return (value != null || !fallBack) ? value : environment.getProperty(property);
	}

	private static String propertyOf(String setting) {
		return switch (setting) {
			case "keepaliveIdle" -> PREFIX + "keepalive.idle";
			case "keepaliveInterval" -> PREFIX + "keepalive.interval";
			case "keepaliveCount" -> PREFIX + "keepalive.count";
			default -> PREFIX + DataObjectPropertyName.toDashedForm(setting);
		};
	}

}
