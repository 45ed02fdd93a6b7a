package io.filelock.engine.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.filelock.engine.HostName;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockHolders.HoldingSession;
import io.filelock.spi.LockHolders.RecordState;
import io.filelock.spi.LockHolders.SessionOwner;
import io.filelock.spi.LockHolders.State;
import org.jspecify.annotations.Nullable;

/**
 * Who holds an advisory lock and who waits for it, from {@code pg_locks} joined with
 * {@code pg_stat_activity}: a bigint key shows as {@code classid} (high 32 bits),
 * {@code objid} (low 32 bits) and {@code objsubid} 1, in the current database. Columns
 * that the server hides from a role without {@code pg_read_all_stats} come back null and
 * are left out.
 */
final class AdvisoryHolders {

	private static final String QUERY = "SELECT l.pid, l.mode, l.granted, a.application_name, host(a.client_addr), "
			+ "a.state_change FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
			+ "WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = "
			+ "current_database()) AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1 "
			+ "ORDER BY l.granted DESC, a.state_change";

	private AdvisoryHolders() {
	}

	static LockHolders query(Session session, AdvisoryKey key) throws SessionEndedException {
		List<HoldingSession> sessions = session.withStatement((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
				statement.setLong(1, key.classId());
				statement.setLong(2, key.objectId());
				return read(statement);
			}
		});
		return new LockHolders(state(sessions), describe(sessions), RecordState.ABSENT, null, null, List.of(), sessions);
	}

	/**
	 * Who holds the lock, from the granted sessions: this JVM, another lock manager (its
	 * sessions say so in {@code application_name}), another program, or nobody.
	 */
	static State state(List<HoldingSession> sessions) {
		List<HoldingSession> holders = sessions.stream().filter(HoldingSession::granted).toList();
		if (holders.isEmpty()) {
			return State.NOT_HELD;
		}
		long pid = ProcessHandle.current().pid();
		String host = HostName.local();
		if (holders.stream().anyMatch((holder) -> holder.jvm() != null && holder.jvm().pid() == pid
				&& holder.jvm().host().equals(host))) {
			return State.HELD_BY_THIS_PROCESS;
		}
		return holders.stream().anyMatch((holder) -> holder.jvm() != null) ? State.HELD_BY_LOCK_MANAGER
				: State.HELD_BY_OTHER_PROGRAM;
	}

	private static List<HoldingSession> read(PreparedStatement statement) throws SQLException {
		List<HoldingSession> sessions = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				String applicationName = rows.getString(4);
				Timestamp since = rows.getTimestamp(6);
				sessions.add(new HoldingSession(rows.getLong(1), rows.getString(2).equals("ShareLock") ? "READ" : "WRITE",
						rows.getBoolean(3), applicationName, rows.getString(5),
						(since != null) ? since.toInstant() : null, ApplicationName.parse(applicationName)));
			}
		}
		return sessions;
	}

	/**
	 * One phrase for messages: {@code held by PostgreSQL session 4711 (application_name
	 * "psql", client 127.0.0.1, since …)}, and how many sessions wait.
	 */
	static String describe(List<HoldingSession> sessions) {
		List<HoldingSession> holders = sessions.stream().filter(HoldingSession::granted).toList();
		long waiting = sessions.size() - holders.size();
		String held = holders.isEmpty() ? "not held by any PostgreSQL session now"
				: "held by " + holders.stream().map(AdvisoryHolders::describe).collect(Collectors.joining(", "));
		return held + ((waiting > 0) ? "; " + waiting + " session(s) waiting for it" : "");
	}

	private static String describe(HoldingSession session) {
		StringBuilder text = new StringBuilder("PostgreSQL session ").append(session.backendPid());
		SessionOwner jvm = session.jvm();
		List<String> facts = new ArrayList<>();
		if (jvm != null) {
			text.append(" of pid ").append(jvm.pid()).append(" on host \"").append(jvm.host()).append('"');
			if (jvm.application() != null) {
				facts.add("app \"" + jvm.application() + "\"");
			}
			if (jvm.host().equals(HostName.local())) {
				facts.add(ProcessHandle.of(jvm.pid()).map(ProcessHandle::isAlive).orElse(false) ? "alive"
						: "not alive on this host");
			}
		}
		else if (session.applicationName() != null && !session.applicationName().isEmpty()) {
			facts.add("application_name \"" + session.applicationName() + "\"");
		}
		add(facts, "client ", session.clientAddress());
		if (session.access().equals("READ")) {
			facts.add("shared");
		}
		add(facts, "since ", session.since());
		return text.append(facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")").toString();
	}

	private static void add(List<String> facts, String label, @Nullable Object value) {
		if (value != null) {
			facts.add(label + ((value instanceof Instant instant) ? instant.toString() : value));
		}
	}

}
