package io.filelock.actuate.endpoint;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.filelock.Backoff;
import io.filelock.LockPolicy;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockResource;
import io.filelock.spi.LockSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@link FileLocksEndpoint} returns. Times and durations are ISO-8601 strings so that
 * every JSON mapper writes them alike.
 */
public final class FileLockDescriptors {

	private FileLockDescriptors() {
	}

	/**
	 * The locks of this JVM.
	 *
	 * @param directory the lock directory, or null if locks are not held on files
	 * @param strategy the operating-system lock in effect, or null if locks are not held
	 * on files
	 * @param backend where locks are held: its kind ({@code file}), location and settings
	 * @param active locks this JVM holds now
	 * @param pending threads of this JVM waiting for a lock now
	 * @param locks every lock this JVM holds, waits for or has a policy for
	 */
	public record FileLocksDescriptor(@Nullable String directory, @Nullable String strategy,
			BackendDescriptor backend, int active, int pending, List<LockDescriptor> locks)
			implements OperationResponseBody {
	}

	/**
	 * Where locks are held.
	 *
	 * @param kind {@code file}
	 * @param location the lock directory
	 * @param details how locks are taken and waited for, and how far they reach:
	 * {@code strategy}, {@code waits}, {@code filesystem}, {@code mountPoint},
	 * {@code scope}
	 */
	public record BackendDescriptor(String kind, String location, Map<String, String> details) {
	}

	/**
	 * One lock, and who holds its file system-wide.
	 *
	 * @param lock what this JVM knows of the lock
	 * @param holder who holds the lock's file, from its owner record and
	 * {@code /proc/locks}; null if the file does not exist
	 */
	public record LockDetailsDescriptor(LockDescriptor lock, @Nullable HolderDescriptor holder)
			implements OperationResponseBody {
	}

	/**
	 * What this JVM knows of one lock.
	 *
	 * @param name the lock's name
	 * @param file the lock file, or null if the lock is not held on a file
	 * @param resource what the lock is held on: {@code file /var/lock/app/job.lock}
	 * @param state {@code held}, {@code waiting} or {@code idle}
	 * @param mode the mode this JVM holds it in, or null
	 * @param heldSince when the first of the current holders took it, or null
	 * @param holders threads of this JVM that hold it
	 * @param waiting threads of this JVM that wait for it
	 * @param timeout the lock's effective timeout
	 * @param backoff the lock's effective backoff
	 */
	public record LockDescriptor(String name, @Nullable String file, String resource, String state,
			@Nullable String mode,
			@Nullable String heldSince, List<ThreadDescriptor> holders, List<String> waiting, String timeout,
			BackoffDescriptor backoff) {

		static LockDescriptor of(LockSnapshot snapshot, LockPolicy policy) {
			List<ThreadDescriptor> holders = snapshot.holders().stream().map(ThreadDescriptor::of).toList();
			String heldSince = snapshot.holders()
				.stream()
				.map(LockSnapshot.Holder::since)
				.min(Comparator.naturalOrder())
				.map(Object::toString)
				.orElse(null);
			return new LockDescriptor(snapshot.name(), pathOf(snapshot.file()), snapshot.resource(), snapshot.state(),
					(snapshot.heldMode() != null) ? snapshot.heldMode().name() : null, heldSince, holders,
					snapshot.waiting(), policy.timeout().toString(), BackoffDescriptor.of(policy.backoff()));
		}

		static LockDescriptor idle(String name, LockResource resource, LockPolicy policy) {
			return new LockDescriptor(name, pathOf(resource.file()), resource.description(), "idle", null, null,
					List.of(), List.of(), policy.timeout().toString(), BackoffDescriptor.of(policy.backoff()));
		}

		private static @Nullable String pathOf(@Nullable Path file) {
			return (file != null) ? file.toString() : null;
		}

	}

	/**
	 * One thread holding a lock.
	 *
	 * @param thread the thread's name
	 * @param mode the mode it asked for
	 * @param since when it took the lock
	 * @param holdCount how many handles it has open on the lock
	 */
	public record ThreadDescriptor(String thread, String mode, String since, int holdCount) {

		static ThreadDescriptor of(LockSnapshot.Holder holder) {
			return new ThreadDescriptor(holder.thread(), holder.mode().name(), holder.since().toString(),
					holder.holdCount());
		}

	}

	/**
	 * How a lock's attempts are spaced.
	 *
	 * @param initialDelay delay before the first retry
	 * @param multiplier factor applied after each retry
	 * @param maxDelay upper bound of a delay
	 * @param jitter random variation of each delay
	 */
	public record BackoffDescriptor(String initialDelay, double multiplier, String maxDelay, String jitter) {

		static BackoffDescriptor of(Backoff backoff) {
			return new BackoffDescriptor(backoff.initialDelay().toString(), backoff.multiplier(),
					backoff.maxDelay().toString(), backoff.jitter().toString());
		}

	}

	/**
	 * Who holds a lock system-wide, found without taking the lock.
	 *
	 * @param state whether and by whom it is held now: {@code HELD_BY_THIS_PROCESS},
	 * {@code HELD_BY_LOCK_MANAGER}, {@code HELD_BY_OTHER_PROGRAM}, {@code NOT_HELD} or
	 * {@code UNKNOWN}
	 * @param description one phrase, as in log lines and exceptions
	 * @param recordState what the owner record is worth ({@code CURRENT}, {@code STALE},
	 * …)
	 * @param owner the owner record, or null if the file holds none
	 * @param ownerAlive whether the owner record's pid is alive; null when it cannot be
	 * told (no record, or another host)
	 * @param kernelHolders processes the operating system lists as holding the lock (on
	 * Linux, from {@code /proc/locks})
	 * @param sessions database sessions that hold the lock or wait for it (PostgreSQL)
	 */
	public record HolderDescriptor(String state, String description, String recordState, @Nullable OwnerDescriptor owner,
			@Nullable Boolean ownerAlive, List<KernelHolderDescriptor> kernelHolders,
			List<SessionDescriptor> sessions) {

		static HolderDescriptor of(LockHolders holders) {
			LockHolders.Owner record = holders.owner();
			OwnerDescriptor owner = (record != null) ? OwnerDescriptor.of(record) : null;
			List<KernelHolderDescriptor> kernelHolders = holders.processes()
				.stream()
				.map(KernelHolderDescriptor::of)
				.toList();
			return new HolderDescriptor(holders.state().name(), holders.description(), holders.recordState().name(), owner,
					holders.ownerAlive(), kernelHolders, holders.sessions().stream().map(SessionDescriptor::of).toList());
		}

	}

	/**
	 * A database session that holds a lock or waits for it.
	 *
	 * @param backendPid the server process of the session
	 * @param access {@code READ} (shared) or {@code WRITE} (exclusive)
	 * @param granted whether it holds the lock (false: it waits)
	 * @param applicationName its {@code application_name}, if visible
	 * @param clientAddress its client's address, if visible
	 * @param since when it entered its current state, if visible
	 * @param pid for a session of a lock manager, its JVM's process id
	 * @param host for a session of a lock manager, its JVM's host
	 * @param application for a session of a lock manager, its application name
	 */
	public record SessionDescriptor(long backendPid, String access, boolean granted,
			@Nullable String applicationName, @Nullable String clientAddress, @Nullable String since,
			@Nullable Long pid, @Nullable String host, @Nullable String application) {

		static SessionDescriptor of(LockHolders.HoldingSession session) {
			LockHolders.SessionOwner jvm = session.jvm();
			return new SessionDescriptor(session.backendPid(), session.access(), session.granted(),
					session.applicationName(), session.clientAddress(),
					(session.since() != null) ? session.since().toString() : null, (jvm != null) ? jvm.pid() : null,
					(jvm != null) ? jvm.host() : null, (jvm != null) ? jvm.application() : null);
		}

	}

	/**
	 * An owner record.
	 *
	 * @param pid the holder's process id
	 * @param host the holder's host name
	 * @param thread the holding thread's name
	 * @param acquiredAt when it took the lock
	 * @param application the holder's application name, or null
	 */
	public record OwnerDescriptor(long pid, String host, String thread, String acquiredAt,
			@Nullable String application) {

		static OwnerDescriptor of(LockHolders.Owner record) {
			return new OwnerDescriptor(record.pid(), record.host(), record.thread(), record.acquiredAt().toString(),
					record.application());
		}

	}

	/**
	 * A process the operating system lists as holding a lock.
	 *
	 * @param pid the process id
	 * @param kind {@code FLOCK}, {@code POSIX} or {@code OFDLCK}
	 * @param access {@code READ} (shared) or {@code WRITE} (exclusive)
	 * @param command the process's command name, if known
	 */
	public record KernelHolderDescriptor(long pid, String kind, String access, @Nullable String command) {

		static KernelHolderDescriptor of(LockHolders.HoldingProcess holder) {
			return new KernelHolderDescriptor(holder.pid(), holder.kind(), holder.access(), holder.command());
		}

	}

}
