package io.filelock.testsupport;

import java.nio.file.Path;
import java.time.Duration;

import io.filelock.LockBackendKind;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockStrategy;
import io.filelock.PostgresSettings;

/**
 * Lock managers for child JVMs, by the name of their backend on the command line: a
 * {@link LockStrategy}'s name (lock files in a directory), or {@value #POSTGRES} (the
 * server that a test passes in the system properties of
 * {@link io.filelock.testsupport.postgres.PostgresServer#childJvmOptions()}).
 */
public final class TestBackends {

	public static final String POSTGRES = "POSTGRES";

	public static final String URL_PROPERTY = "filelock.test.postgres.url";

	public static final String USERNAME_PROPERTY = "filelock.test.postgres.username";

	public static final String PASSWORD_PROPERTY = "filelock.test.postgres.password";

	/** {@code idle,interval,count} in seconds, if not the defaults. */
	public static final String KEEPALIVE_PROPERTY = "filelock.test.postgres.keepalive";

	private TestBackends() {
	}

	public static LockManagerBuilder builder(String backend, Path directory) {
		if (backend.equals(POSTGRES)) {
			PostgresSettings settings = PostgresSettings.of(System.getProperty(URL_PROPERTY),
					System.getProperty(USERNAME_PROPERTY), System.getProperty(PASSWORD_PROPERTY));
			String keepalive = System.getProperty(KEEPALIVE_PROPERTY);
			if (keepalive != null) {
				String[] values = keepalive.split(",");
				settings = settings.withKeepalive(Duration.ofSeconds(Long.parseLong(values[0])),
						Duration.ofSeconds(Long.parseLong(values[1])), Integer.parseInt(values[2]));
			}
			return LockManager.builder().backend(LockBackendKind.POSTGRES).postgres(settings);
		}
		return LockManager.builder().directory(directory).strategy(LockStrategy.valueOf(backend));
	}

}
