package io.filelock.spi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.filelock.LockMode;
import org.jspecify.annotations.Nullable;

/**
 * What this JVM knows of one lock at one moment.
 *
 * @param name the lock's name (the first name it was acquired under)
 * @param resource what the lock is held on, for messages: {@code file /var/lock/app/job.lock}
 * @param file the lock file, or null if the lock is not held on a file
 * @param heldMode the mode this JVM holds it in, or null if it holds it not
 * @param holders threads of this JVM that hold it, and its detached holds
 * @param waiting threads of this JVM that wait for it, the one competing with other
 * processes first
 * @param lost whether the lock was lost while held (its database session ended) and
 * its holders have not released it yet
 */
public record LockSnapshot(String name, String resource, @Nullable Path file, @Nullable LockMode heldMode,
		List<Holder> holders, List<String> waiting, boolean lost) {

	/**
	 * A snapshot of a lock that was not lost.
	 * @param name the lock's name
	 * @param resource what the backend locks
	 * @param file the lock file, or null
	 * @param heldMode the mode it is held in, or null
	 * @param holders the threads that hold it
	 * @param waiting the threads that wait for it
	 */
	public LockSnapshot(String name, String resource, @Nullable Path file, @Nullable LockMode heldMode,
			List<Holder> holders, List<String> waiting) {
		this(name, resource, file, heldMode, holders, waiting, false);
	}

	/**
	 * The state: {@code held}, {@code lost} (held by threads of this JVM, but no longer
	 * outside it), {@code waiting} or {@code idle}.
	 * @return the state's name
	 */
	public String state() {
		if (this.heldMode != null) {
			return this.lost ? "lost" : "held";
		}
		return !this.waiting.isEmpty() ? "waiting" : "idle";
	}

	/**
	 * One holder: a thread, or a detached hold.
	 * @param thread the thread's name; for a {@link io.filelock.LockRequest#detached()
	 * detached} hold, the name of the thread that took it followed by {@code (detached)}
	 * @param mode the mode it asked for
	 * @param since when it took the lock
	 * @param holdCount how many handles it has open on the lock
	 */
	public record Holder(String thread, LockMode mode, Instant since, int holdCount) {
	}

}
