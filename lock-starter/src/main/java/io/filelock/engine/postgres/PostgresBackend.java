package io.filelock.engine.postgres;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.filelock.InvalidLockSettingException;
import io.filelock.LockException;
import io.filelock.LockPolicy;
import io.filelock.PostgresSettings;
import io.filelock.engine.BackendKey;
import io.filelock.engine.BackendLock;
import io.filelock.engine.LockBackend;
import io.filelock.engine.LossListener;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockManagerSettings;
import org.jspecify.annotations.Nullable;

/**
 * Locks held as PostgreSQL session-level advisory locks ({@code pg_advisory_lock} and its
 * shared and non-blocking kin), on sessions of the backend's own ({@link Sessions}).
 * They behave as {@code flock(2)}: exclusive or shared, a queue in the server that a wait
 * joins (ended by {@code lock_timeout} or a cancel), released when the session ends. A
 * session that ends while it holds locks (a server restart, {@code pg_terminate_backend},
 * a network cut found by the keepalive checks) is reported to the {@link LossListener}.
 */
public final class PostgresBackend implements LockBackend {

	private final PostgresSettings settings;

	private final Connector connector;

	private final Sessions sessions;

	private final SessionWatch watch;

	private final RefusedWaits refusedWaits = new RefusedWaits();

	private final List<LossListener> listeners = new CopyOnWriteArrayList<>();

	private final AtomicLong lost = new AtomicLong();

	private final AtomicReference<@Nullable String> lastLoss = new AtomicReference<>();

	PostgresBackend(PostgresSettings settings, @Nullable String applicationName) {
		this.settings = settings;
		this.connector = new Connector(settings, applicationName);
		this.sessions = new Sessions(this.connector, settings.maxSessions(), this::lost, this::started);
		this.watch = new SessionWatch(this.sessions, settings.keepaliveInterval().toNanos());
	}

	/**
	 * The backend the settings ask for, connected once: an unreachable server, refused
	 * credentials or a missing driver fail here.
	 * @throws InvalidLockSettingException if the settings have no PostgreSQL server
	 * @throws LockException if the server cannot be reached
	 */
	public static PostgresBackend of(LockManagerSettings settings) {
		PostgresSettings postgres = settings.postgres();
		if (postgres == null) {
			throw new InvalidLockSettingException("postgres", "null",
					"must name a PostgreSQL server for the POSTGRES backend (LockManagerBuilder.postgres(…))");
		}
		PostgresBackend backend = new PostgresBackend(postgres, settings.applicationName());
		backend.sessions.control();
		return backend;
	}

	private void started() {
		this.watch.start();
	}

	@Override
	public BackendKey keyOf(String name, LockPolicy policy) {
		return AdvisoryKey.of(name);
	}

	@Override
	public BackendLock open(BackendKey key) {
		return new AdvisoryLock((AdvisoryKey) key, this.sessions, this.watch, this.refusedWaits,
				this.settings.keepaliveInterval().toMillis() * 2);
	}

	@Override
	public Optional<LockHolders> holders(BackendKey key) {
		Session session = this.sessions.control();
		try {
			LockHolders holders = AdvisoryHolders.query(session, (AdvisoryKey) key);
			if (!this.refusedWaits.wasRefused((AdvisoryKey) key)) {
				return Optional.of(holders);
			}
			return Optional.of(new LockHolders(holders.state(), holders.description() + "; this process waited without a session of "
					+ "its own (all " + this.settings.maxSessions() + " of file-lock.postgres.max-sessions were in use), "
					+ "retrying with its backoff", holders.recordState(), holders.owner(), holders.ownerAlive(),
					holders.processes(), holders.sessions()));
		}
		catch (SessionEndedException ex) {
			this.sessions.end(session, ex.getMessage());
			throw new LockException("Cannot read the holders of " + key + ": " + session + " ended: " + ex.getMessage(),
					ex);
		}
	}

	@Override
	public LockBackendStatus status() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("url", this.connector.url().redacted());
		details.put("maxSessions", Integer.toString(this.settings.maxSessions()));
		details.put("openSessions", Integer.toString(this.sessions.openSessions().size()));
		details.put("waits", (this.settings.maxSessions() > 1) ? "server" : "backoff");
		details.put("lossBound", this.settings.lossBound().toString());
		details.put("lostLocks", Long.toString(this.lost.get()));
		String last = this.lastLoss.get();
		if (last != null) {
			details.put("lastLostLock", last);
		}
		return new LockBackendStatus("postgres", this.connector.url().redacted(), details, problem());
	}

	/**
	 * Why locks cannot be taken now, or null: a round trip on the control session, and
	 * if that session has ended (a server restart), one on a new one.
	 */
	private @Nullable String problem() {
		String lost = null;
		for (int attempt = 1; attempt <= 2; attempt++) {
			Session session;
			try {
				session = this.sessions.control();
			}
			catch (LockException ex) {
				return ex.getMessage();
			}
			try {
				session.check();
				return null;
			}
			catch (SessionEndedException ex) {
				this.sessions.end(session, ex.getMessage());
				lost = "Lost " + session + ": " + ex.getMessage();
			}
			catch (LockException ex) {
				return ex.getMessage();
			}
		}
		return lost;
	}

	@Override
	public void watchLosses(LossListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Locks went with an ended session: counted, and reported on a thread of the watch's
	 * (never on the thread that found the session ended, which may be releasing a lock
	 * under the engine's own locks).
	 */
	private void lost(List<AdvisoryKey> keys, String reason) {
		this.lost.addAndGet(keys.size());
		this.lastLoss.set(keys.get(keys.size() - 1) + " at " + Instant.now() + ": " + reason);
		SessionWatch.workers.execute(() -> {
			for (AdvisoryKey key : keys) {
				for (LossListener listener : this.listeners) {
					listener.lost(key, reason);
				}
			}
		});
	}

	/**
	 * Closes the sessions that hold nothing; those that hold locks stay.
	 */
	@Override
	public void close() {
		this.sessions.closeIdle();
	}

}
