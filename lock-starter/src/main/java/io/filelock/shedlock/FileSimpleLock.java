package io.filelock.shedlock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.filelock.LockHandle;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * A job's lock: a detached hold of its file lock, released when the job unlocks it, but
 * not before {@code lockAtLeastFor} has passed.
 */
final class FileSimpleLock implements SimpleLock {

	private final LockHandle handle;

	private final long releaseNotBefore;

	private final DelayedReleases releases;

	private final AtomicBoolean ended = new AtomicBoolean();

	/**
	 * @param releaseNotBefore the {@link System#nanoTime()} before which the lock stays
	 * held
	 */
	FileSimpleLock(LockHandle handle, long releaseNotBefore, DelayedReleases releases) {
		this.handle = handle;
		this.releaseNotBefore = releaseNotBefore;
		this.releases = releases;
	}

	/**
	 * Releases the lock now, or once {@code lockAtLeastFor} has passed.
	 * @throws IllegalStateException if it was unlocked or extended already
	 */
	@Override
	public void unlock() {
		end();
		this.releases.releaseAt(this.handle, this.releaseNotBefore);
	}

	/**
	 * Keeps holding the lock under a new lock that is released no earlier than
	 * {@code lockAtLeastFor} from now; {@code lockAtMostFor} is ignored, as everywhere.
	 * @throws IllegalStateException if it was unlocked or extended already
	 */
	@Override
	public Optional<SimpleLock> extend(Duration lockAtMostFor, Duration lockAtLeastFor) {
		end();
		return Optional.of(new FileSimpleLock(this.handle, DelayedReleases.nanoTimeIn(lockAtLeastFor), this.releases));
	}

	private void end() {
		if (!this.ended.compareAndSet(false, true)) {
			throw new IllegalStateException("ShedLock lock '" + this.handle.name()
					+ "' was unlocked or extended already; use the lock that extend returned");
		}
	}

	@Override
	public String toString() {
		return "ShedLock lock on " + this.handle;
	}

}
