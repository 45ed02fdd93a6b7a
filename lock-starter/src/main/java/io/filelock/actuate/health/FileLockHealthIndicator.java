package io.filelock.actuate.health;

import io.filelock.LockManager;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockIntrospection;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether a {@link LockManager} can take locks: DOWN when its backend says it
 * cannot (a lock directory missing that cannot be created, not a directory, not
 * writable, controlled by another user, or on a filesystem that does not enforce locks; a
 * PostgreSQL server that cannot be reached). Details: the backend's location and details
 * ({@code directory}, {@code strategy}, {@code filesystem}, {@code mountPoint},
 * {@code scope}, …; for PostgreSQL {@code url} without the password, {@code lostLocks},
 * …), {@code locksHeld} and, when DOWN, {@code error}. UNKNOWN for a manager that cannot
 * tell ({@link LockIntrospection}).
 */
public class FileLockHealthIndicator extends AbstractHealthIndicator {

	private final LockManager manager;

	public FileLockHealthIndicator(LockManager manager) {
		super("File lock health check failed");
		this.manager = manager;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (!(this.manager instanceof LockIntrospection introspection)) {
			builder.unknown().withDetail("reason", this.manager.getClass().getName() + " does not report its state");
			return;
		}
		LockBackendStatus status = introspection.backendStatus();
		if (status.kind().equals("file")) {
			builder.withDetail("directory", status.location());
		}
		else if (!status.details().containsKey("url")) {
			builder.withDetail("location", status.location());
		}
		builder.withDetails(status.details())
			.withDetail("locksHeld", introspection.activeCount());
		if (status.isUsable()) {
			builder.up();
		}
		else {
			builder.down().withDetail("error", status.problem());
		}
	}

}
