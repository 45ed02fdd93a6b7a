package io.filelock.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.filelock.LockException;
import io.filelock.LockMode;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's view of one lock file: which threads hold it and in which mode, who waits,
 * and the one operating-system lock the JVM takes on their behalf. Threads of the JVM wait
 * for each other on a condition and are woken on release; only the one thread that
 * currently competes with other processes ({@code acquirer}) polls the file.
 * <p>
 * A {@link ReentrantLock} rather than {@code synchronized} guards the state, so waiting
 * virtual threads do not pin their carriers.
 */
final class LockEntry {

	private static final Object UNKNOWN_IDENTITY = new Object();

	final Path path;

	final boolean managed;

	final String name;

	private final ReentrantLock mutex = new ReentrantLock();

	private final Condition changed = this.mutex.newCondition();

	private @Nullable OpenLockFile file;

	/** The identity of the file at {@code path} when {@code file} was opened. */
	private Object fileIdentity = UNKNOWN_IDENTITY;

	/** The mode of the operating-system lock the JVM holds, null when it holds none. */
	private @Nullable LockMode heldMode;

	private final Map<Thread, Hold> holders = new HashMap<>();

	/** The thread of this JVM that is competing with other processes for the lock. */
	private @Nullable Thread acquirer;

	private final Map<Thread, LockMode> waiting = new LinkedHashMap<>();

	private int exclusiveWaiters;

	/** Threads that reference this entry (holding or waiting); guarded by the registry. */
	int references;

	LockEntry(Path path, boolean managed, String name) {
		this.path = path;
		this.managed = managed;
		this.name = name;
	}

	/**
	 * What {@link #enter} decided.
	 */
	enum Admission {

		/** The calling thread holds the lock now (reentry or joining shared holders). */
		HELD,
		/** The calling thread must take the operating-system lock: call {@link #attempt}. */
		ACQUIRE,
		/** Another thread of this JVM keeps it and the deadline passed. */
		TIMED_OUT

	}

	/**
	 * Waits, inside the JVM only, until the calling thread holds the lock or may compete
	 * for it with other processes.
	 * @param remainingNanos how long the caller may still wait; zero or less means no
	 * waiting
	 */
	Admission enter(LockMode mode, long remainingNanos) throws InterruptedException {
		Thread me = Thread.currentThread();
		this.mutex.lock();
		try {
			Hold own = this.holders.get(me);
			if (own != null) {
				if (this.heldMode == LockMode.SHARED && mode == LockMode.EXCLUSIVE) {
					throw new LockException("Cannot acquire lock " + LockFileNames.quote(this.name)
							+ " EXCLUSIVE: this thread holds it SHARED and upgrades are not supported (they would "
							+ "deadlock when two holders upgrade at once); release it first");
				}
				own.count++;
				return Admission.HELD;
			}
			long nanos = remainingNanos;
			boolean registered = false;
			try {
				while (true) {
					if (this.heldMode == null && this.acquirer == null) {
						this.acquirer = me;
						return Admission.ACQUIRE;
					}
					if (mode == LockMode.SHARED && this.heldMode == LockMode.SHARED && this.exclusiveWaiters == 0) {
						this.holders.put(me, new Hold(mode));
						return Admission.HELD;
					}
					if (nanos <= 0) {
						return Admission.TIMED_OUT;
					}
					if (!registered) {
						registered = true;
						this.waiting.put(me, mode);
						if (mode == LockMode.EXCLUSIVE) {
							this.exclusiveWaiters++;
						}
					}
					nanos = this.changed.awaitNanos(nanos);
				}
			}
			finally {
				if (registered) {
					this.waiting.remove(me);
					if (mode == LockMode.EXCLUSIVE && --this.exclusiveWaiters == 0) {
						// shared waiters kept back for this writer may join the holders now
						this.changed.signalAll();
					}
				}
			}
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * One attempt at the operating-system lock by the acquirer.
	 * @param openFile opens the lock file when this entry has none open yet
	 * @return true if the calling thread now holds the lock
	 */
	boolean attempt(LockMode mode, Supplier<OpenLockFile> openFile) {
		this.mutex.lock();
		try {
			for (int reopened = 0;; reopened++) {
				OpenLockFile locking = open(openFile);
				if (!locking.tryLock(mode)) {
					return false;
				}
				if (identity(this.path).equals(this.fileIdentity)) {
					break;
				}
				// The path no longer names the file we locked (deleted or replaced meanwhile): that
				// lock excludes nobody, so close it (dropping it) and lock the file there now.
				locking.close();
				this.file = null;
				if (reopened == 10) {
					throw new LockException("Cannot lock " + this.path + ": the file keeps being replaced");
				}
			}
			this.heldMode = mode;
			this.acquirer = null;
			this.holders.put(Thread.currentThread(), new Hold(mode));
			if (mode == LockMode.SHARED) {
				this.changed.signalAll();
			}
			return true;
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * The acquirer waits in the kernel until the operating-system lock is free for it,
	 * {@code nanos} have passed, or it is interrupted; it then calls {@link #attempt}
	 * either way (which finds the lock already held when the wait took it). The mutex is
	 * not held meanwhile: only the acquirer uses the file until then.
	 */
	void awaitInKernel(LockMode mode, long nanos, Supplier<OpenLockFile> openFile) throws InterruptedException {
		OpenLockFile locking;
		this.mutex.lock();
		try {
			locking = open(openFile);
		}
		finally {
			this.mutex.unlock();
		}
		locking.lockWaiting(mode, nanos);
	}

	private OpenLockFile open(Supplier<OpenLockFile> openFile) {
		OpenLockFile open = this.file;
		if (open == null) {
			open = openFile.get();
			this.file = open;
			this.fileIdentity = identity(this.path);
		}
		return open;
	}

	/**
	 * What tells files apart (device and inode on Unix); a missing file matches nothing,
	 * and where the file system cannot tell, everything matches.
	 */
	private static Object identity(Path path) {
		try {
			Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
			return (key != null) ? key : UNKNOWN_IDENTITY;
		}
		catch (IOException ex) {
			return new Object();
		}
	}

	/**
	 * The acquirer gives up (timeout, interrupt, error) and lets another waiter compete.
	 */
	void abandon() {
		this.mutex.lock();
		try {
			if (this.acquirer == Thread.currentThread()) {
				this.acquirer = null;
				this.changed.signalAll();
			}
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Writes the owner record; the caller holds the lock exclusively.
	 */
	void writeRecord(byte[] record) throws IOException {
		this.mutex.lock();
		try {
			if (this.file != null) {
				this.file.writeRecord(record);
			}
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Reads the lock file's content through the entry's own descriptor (closing another
	 * one would drop this JVM's POSIX locks on the file).
	 */
	byte[] readRecord(Supplier<OpenLockFile> openFile) throws IOException {
		this.mutex.lock();
		try {
			return open(openFile).readRecord(OwnerRecord.MAX_BYTES);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Releases one hold of {@code owner}; the operating-system lock goes with the last
	 * hold of the JVM.
	 * @return true if the operating-system lock was released
	 */
	boolean release(Thread owner) {
		this.mutex.lock();
		try {
			Hold hold = this.holders.get(owner);
			if (hold == null || --hold.count > 0) {
				return false;
			}
			this.holders.remove(owner);
			LockMode released = this.heldMode;
			if (!this.holders.isEmpty() || released == null) {
				return false;
			}
			this.heldMode = null;
			this.changed.signalAll();
			if (this.file != null) {
				// the owner record stays: a reader checks it against /proc/locks (HolderInfo)
				this.file.unlock();
			}
			return true;
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Closes the file; called by the registry once nobody references the entry.
	 */
	void close() {
		this.mutex.lock();
		try {
			if (this.file != null) {
				this.file.close();
				this.file = null;
			}
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Says which threads of this JVM keep the lock, for a timeout message.
	 */
	String describeLocalHolders() {
		this.mutex.lock();
		try {
			List<String> threads = new ArrayList<>();
			this.holders.keySet().forEach((thread) -> threads.add(thread.getName()));
			if (!threads.isEmpty()) {
				return "held " + this.heldMode + " by thread(s) " + threads + " of this process";
			}
			Thread competing = this.acquirer;
			return (competing != null) ? "thread '" + competing.getName()
					+ "' of this process is ahead in line for it" : "released meanwhile";
		}
		finally {
			this.mutex.unlock();
		}
	}

	LockSnapshot snapshot() {
		this.mutex.lock();
		try {
			List<LockSnapshot.Holder> holderList = new ArrayList<>();
			this.holders.forEach((thread, hold) -> holderList
				.add(new LockSnapshot.Holder(thread.getName(), hold.mode, hold.since, hold.count)));
			List<String> waiters = new ArrayList<>();
			this.waiting.keySet().forEach((thread) -> waiters.add(thread.getName()));
			if (this.acquirer != null) {
				waiters.add(0, this.acquirer.getName());
			}
			return new LockSnapshot(this.name, this.path, this.heldMode, holderList, waiters);
		}
		finally {
			this.mutex.unlock();
		}
	}

	static long toNanos(java.time.Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return TimeUnit.DAYS.toNanos(365 * 100);
		}
	}

	private static final class Hold {

		final LockMode mode;

		final Instant since = Instant.now();

		int count = 1;

		Hold(LockMode mode) {
			this.mode = mode;
		}

	}

}
