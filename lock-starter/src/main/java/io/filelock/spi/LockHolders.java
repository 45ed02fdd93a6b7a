package io.filelock.spi;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who holds a lock, as far as can be told without taking it: the owner record its holder
 * left, and the holders the operating system lists.
 *
 * @param state whether and by whom the lock is held now
 * @param description one phrase for messages, such as {@code held by pid 4242 on host
 * "a", thread "main", since …}
 * @param recordState what the owner record is worth
 * @param owner the owner record, or null if there is none (or it is unreadable)
 * @param ownerAlive whether the owner record's process is alive; null when it cannot be
 * told (no record, or another host)
 * @param processes the processes the operating system lists as holding the lock (on
 * Linux, from {@code /proc/locks}); empty where it cannot be told
 * @param sessions the database sessions that hold the lock or wait for it (from
 * PostgreSQL's {@code pg_locks}); empty for a lock file
 */
public record LockHolders(State state, String description, RecordState recordState, @Nullable Owner owner,
		@Nullable Boolean ownerAlive, List<HoldingProcess> processes, List<HoldingSession> sessions) {

	/**
	 * Copies the processes.
	 * @param state whether and by whom the lock is held
	 * @param description one phrase for messages
	 * @param recordState what the owner record is worth
	 * @param owner the owner record, or null
	 * @param ownerAlive whether its process is alive, or null if that cannot be told
	 * @param processes the processes the operating system lists as holders
	 * @param sessions the database sessions that hold the lock or wait for it
	 */
	public LockHolders {
		processes = List.copyOf(processes);
		sessions = List.copyOf(sessions);
	}

	/**
	 * Holders of a lock file: its owner record and the processes the operating system
	 * lists.
	 * @param state whether and by whom the lock is held
	 * @param description one phrase for messages
	 * @param recordState what the owner record is worth
	 * @param owner the owner record, or null
	 * @param ownerAlive whether its process is alive, or null if that cannot be told
	 * @param processes the processes the operating system lists as holders
	 */
	public LockHolders(State state, String description, RecordState recordState, @Nullable Owner owner,
			@Nullable Boolean ownerAlive, List<HoldingProcess> processes) {
		this(state, description, recordState, owner, ownerAlive, processes, List.of());
	}

	/**
	 * Whether and by whom a lock is held now.
	 */
	public enum State {

		/** This process holds it. */
		HELD_BY_THIS_PROCESS,
		/** Another process holds it, and it is a lock manager of this library. */
		HELD_BY_LOCK_MANAGER,
		/** Another process holds it: another program, or a lock manager that cannot be told as one. */
		HELD_BY_OTHER_PROGRAM,
		/** Nobody holds it. */
		NOT_HELD,
		/** Whether anybody holds it cannot be told here (the description says why). */
		UNKNOWN

	}

	/**
	 * What an owner record is worth.
	 */
	public enum RecordState {

		/** There is no record: the holder is not one of ours, or holds it shared. */
		ABSENT,
		/** There is something that is not a record. */
		UNREADABLE,
		/** The record's process is alive on this host and, where it can be told, holds the lock. */
		CURRENT,
		/** The record's process is not alive on this host: the record is left from a crash. */
		STALE,
		/**
		 * The record's process is alive but does not hold the lock: an earlier holder wrote
		 * it, and released the lock.
		 */
		EARLIER_HOLDER,
		/** The record comes from another host; whether its process is alive cannot be told. */
		OTHER_HOST

	}

	/**
	 * What a lock manager writes down when it takes a lock exclusively.
	 *
	 * @param pid the holder's process id
	 * @param host the holder's host name
	 * @param thread the holding thread's name
	 * @param acquiredAt when the lock was taken
	 * @param application the holder's application name, if known
	 */
	public record Owner(long pid, String host, String thread, Instant acquiredAt, @Nullable String application) {
	}

	/**
	 * A database session that holds a lock or waits for it.
	 *
	 * @param backendPid the server process of the session ({@code pg_backend_pid()})
	 * @param access {@code READ} (shared) or {@code WRITE} (exclusive)
	 * @param granted true if it holds the lock, false if it waits for it
	 * @param applicationName the session's {@code application_name}, if visible
	 * @param clientAddress the client's address, if visible (null for a unix socket)
	 * @param since when the session entered its current state (for an idle holder, about
	 * when its last statement, often the one that locked, finished), if visible
	 * @param jvm the JVM of a lock manager that opened the session (its pid, host and
	 * application name, read from {@code application_name}); null for other clients
	 */
	public record HoldingSession(long backendPid, String access, boolean granted, @Nullable String applicationName,
			@Nullable String clientAddress, @Nullable Instant since, @Nullable SessionOwner jvm) {
	}

	/**
	 * The JVM behind a session of a lock manager.
	 *
	 * @param pid the JVM's process id
	 * @param host the JVM's host name
	 * @param application its application name, if known
	 */
	public record SessionOwner(long pid, String host, @Nullable String application) {
	}

	/**
	 * A process the operating system lists as holding the lock.
	 *
	 * @param pid the process id
	 * @param kind the kind of lock: {@code FLOCK}, {@code POSIX} or {@code OFDLCK}
	 * @param access {@code READ} (shared) or {@code WRITE} (exclusive)
	 * @param command the process's command name, if known
	 */
	public record HoldingProcess(long pid, String kind, String access, @Nullable String command) {
	}

}
