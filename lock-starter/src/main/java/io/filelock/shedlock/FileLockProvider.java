package io.filelock.shedlock;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.filelock.LockManager;
import io.filelock.LockRequest;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * A ShedLock {@link net.javacrumbs.shedlock.core.LockProvider} over a
 * {@link LockManager}: the lock of a {@code @SchedulerLock(name = "N")} job is the file
 * lock {@code N}, so the copies of an application on one host (or on a file system whose
 * locks they share) run each trigger of the job once, without a database table.
 * <p>
 * A job runs only if its lock is free at the trigger: the provider never waits, and a
 * second attempt while the lock is held, in this JVM too, is refused.
 * {@code lockAtLeastFor} is honoured: a job that ends earlier keeps the lock until then,
 * and a thread of the provider releases it. {@code lockAtMostFor} is not needed and is
 * ignored: it exists so that a lock in a database outlives no crashed process, and the
 * kernel frees the lock of a process that dies, even by {@code kill -9}. So a job still
 * running past {@code lockAtMostFor} keeps its lock until it ends.
 * <p>
 * Locks still waiting for their {@code lockAtLeastFor} are released when the provider is
 * {@link #close() closed} (by Spring, when the context closes).
 */
public final class FileLockProvider implements ExtensibleLockProvider, AutoCloseable {

	private final LockManager lockManager;

	private final DelayedReleases releases = new DelayedReleases();

	/**
	 * A provider whose locks are taken through the given manager.
	 * @param lockManager the manager that takes the locks
	 */
	public FileLockProvider(LockManager lockManager) {
		this.lockManager = Objects.requireNonNull(lockManager, "lockManager must not be null");
	}

	/**
	 * Takes the job's lock if it is free now, as a detached hold that the thread which
	 * releases it need not be the one that took it.
	 * @return the lock, or empty if it is held elsewhere
	 */
	@Override
	public Optional<SimpleLock> lock(LockConfiguration configuration) {
		long releaseNotBefore = DelayedReleases.nanoTimeIn(
				Duration.between(ClockProvider.now(), configuration.getLockAtLeastUntil()));
		LockRequest request = LockRequest.of(configuration.getName()).withTimeout(Duration.ZERO).withDetached(true);
		return this.lockManager.tryAcquire(request)
			.map((handle) -> new FileSimpleLock(handle, releaseNotBefore, this.releases));
	}

	/**
	 * Releases the locks that wait for their {@code lockAtLeastFor} now.
	 */
	@Override
	public void close() {
		this.releases.close();
	}

}
