package io.filelock.engine.file;

import java.io.IOException;

import io.filelock.LockException;
import io.filelock.LockMode;
import io.filelock.engine.BackendLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's lock on one lock file. The file is opened on first use and kept open, and
 * every lock taken is checked to be on the file the path names now: the file that was
 * opened (its device and inode, read from the descriptor) must be the one the path names
 * after locking, or another program deleted or replaced it meanwhile and the lock would
 * exclude nobody. The owner record is written on every exclusive acquisition of a file in
 * the lock directory.
 */
final class LockFile implements BackendLock {

	private static final Log logger = LogFactory.getLog(LockFile.class);

	private static final int REOPEN_LIMIT = 10;

	private final LockFileKey key;

	private final FileBackend backend;

	private final PathStat path;

	private @Nullable OpenLockFile file;

	private final @Nullable SidecarRecord sidecar;

	LockFile(LockFileKey key, FileBackend backend) {
		this.key = key;
		this.backend = backend;
		this.path = new PathStat(key.path);
		this.sidecar = (key.sidecar != null) ? backend.sidecar(key.sidecar) : null;
	}

	@Override
	public boolean tryLock(LockMode mode) {
		for (int reopened = 0;; reopened++) {
			OpenLockFile open = open();
			if (!open.tryLock(mode)) {
				return false;
			}
			this.path.read();
			if (this.path.names(open.identity())) {
				this.backend.tookLock();
				if (mode == LockMode.EXCLUSIVE) {
					writeRecord(open);
				}
				return true;
			}
			// the path names another file now, or none: a lock on the one opened excludes nobody
			drop(open);
			if (reopened == REOPEN_LIMIT) {
				throw new LockException("Cannot lock " + this.key.path + ": the file keeps being replaced");
			}
		}
	}

	@Override
	public boolean canAwait() {
		return open().canWait();
	}

	@Override
	public boolean awaitLock(LockMode mode, long nanos) throws InterruptedException {
		// the wait takes the lock on the file opened: tryLock checks it is the path's
		return open().lockWaiting(mode, nanos) && tryLock(mode);
	}

	@Override
	public void unlock() {
		OpenLockFile open = this.file;
		if (open == null) {
			return;
		}
		try {
			open.unlock();
		}
		catch (LockException ex) {
			// closing the file drops the lock
			close();
			throw ex;
		}
	}

	@Override
	public boolean othersWaiting(long pid) {
		return ProcLocks.othersWaiting(this.key.path, pid);
	}

	@Override
	public void close() {
		OpenLockFile open = this.file;
		this.file = null;
		if (open != null) {
			open.close();
		}
		if (this.sidecar != null) {
			this.sidecar.close();
		}
	}

	private OpenLockFile open() {
		OpenLockFile open = this.file;
		if (open == null || !open.isOpen()) {
			// none yet, or closed by an ended wait in the kernel (OpenLockFile#isOpen)
			if (open != null) {
				open.close();
			}
			open = this.backend.openFile(this.key);
			this.file = open;
		}
		return open;
	}

	private void drop(OpenLockFile open) {
		try {
			open.unlock();
		}
		catch (LockException ex) {
			// closing drops it
		}
		close();
	}

	private void writeRecord(OpenLockFile open) {
		try {
			if (this.key.managed) {
				open.writeRecord(this.backend.recordOf(Thread.currentThread()), this.path.size());
			}
			else if (this.sidecar != null) {
				this.sidecar.write(this.backend.recordOf(Thread.currentThread()));
			}
		}
		catch (IOException ex) {
			logger.warn("Could not write the owner record of " + this.key.path + " (the lock is held all the same): "
					+ ex.getMessage());
		}
	}

}
