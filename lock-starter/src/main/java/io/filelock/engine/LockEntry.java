package io.filelock.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

	/**
	 * How many times in a row the operating-system lock may go from one thread of this JVM
	 * to the next without being released, while other processes may be waiting for it.
	 */
	static final int HAND_OFF_LIMIT = 16;

	/**
	 * How long after taking the operating-system lock it may still go from one thread of
	 * this JVM to the next without being released.
	 */
	static final long HAND_OFF_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

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

	/**
	 * The mode of an operating-system lock that the last holder kept for a waiting thread
	 * of this JVM instead of releasing it; null when none is kept.
	 */
	private @Nullable LockMode kept;

	/** How many times in a row the operating-system lock went to another thread without being released. */
	private int handOffs;

	/** When the operating-system lock was taken and the path seen to name the locked file. */
	private long verifiedNanos;

	private final Turn turn = new Turn();

	/** Reads what the path names now, to check it is still the file that was opened. */
	private final FileKey key;

	/**
	 * Threads that reference this entry (holding or waiting). The registry changes it from
	 * and to zero only under the lock of the entry's bin, and otherwise with compare-and-set.
	 */
	final AtomicInteger references = new AtomicInteger();

	LockEntry(Path path, boolean managed, String name) {
		this.path = path;
		this.managed = managed;
		this.name = name;
		this.key = new FileKey(path);
	}

	/**
	 * What {@link #enter} decided.
	 */
	enum Admission {

		/** The calling thread holds the lock now (reentry or joining shared holders). */
		HELD,
		/**
		 * The calling thread holds the lock now, with the operating-system lock that the
		 * last holder kept for a waiting thread: the JVM has a new holder.
		 */
		HANDED_OVER,
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
			boolean admitted = false;
			try {
				while (true) {
					if (this.heldMode == null && this.acquirer == null) {
						admitted = true;
						if (this.kept == mode) {
							this.kept = null;
							this.heldMode = mode;
							this.holders.put(me, new Hold(mode));
							if (mode == LockMode.SHARED) {
								this.changed.signalAll();
							}
							return Admission.HANDED_OVER;
						}
						if (this.kept != null) {
							// kept in the other mode: let it go and take it in this one
							releaseKept();
						}
						this.acquirer = me;
						return Admission.ACQUIRE;
					}
					if (mode == LockMode.SHARED && this.heldMode == LockMode.SHARED && this.exclusiveWaiters == 0) {
						admitted = true;
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
					if (!admitted && this.kept != null && this.heldMode == null) {
						// a lock kept for the waiters is not kept for nobody: another one takes it, or it goes
						if (this.waiting.isEmpty()) {
							releaseKept();
						}
						else {
							this.changed.signalAll();
						}
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
	boolean attempt(LockMode mode, Supplier<OpenLockFile> openFile, long nowNanos) {
		this.mutex.lock();
		try {
			for (int reopened = 0;; reopened++) {
				OpenLockFile locking = open(openFile);
				if (!locking.tryLock(mode)) {
					return false;
				}
				if (this.key.current().equals(this.fileIdentity)) {
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
			this.handOffs = 0;
			this.verifiedNanos = nowNanos;
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
		// a wait that could only be ended by closing the file leaves it closed: open() opens it again
		locking.lockWaiting(mode, nanos);
	}

	private OpenLockFile open(Supplier<OpenLockFile> openFile) {
		OpenLockFile open = this.file;
		if (open == null || !open.isOpen()) {
			// none yet, or closed by an acquirer's ended wait in the kernel (OpenLockFile#isOpen)
			open = openFile.get();
			this.file = open;
			this.fileIdentity = this.key.current();
		}
		return open;
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
			OpenLockFile reading = open(openFile);
			try {
				return reading.readRecord(OwnerRecord.MAX_BYTES);
			}
			catch (IOException ex) {
				if (reading.isOpen()) {
					throw ex;
				}
				// the acquirer's wait in the kernel ended by closing the file meanwhile: read it anew
				return open(openFile).readRecord(OwnerRecord.MAX_BYTES);
			}
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Releases one hold of {@code owner}. The operating-system lock goes with the last
	 * hold of the JVM, unless a thread of the JVM waits for it: then it is kept for that
	 * thread, at most {@link #HAND_OFF_LIMIT} times in a row and within
	 * {@link #HAND_OFF_WINDOW_NANOS} of taking it, so that other processes get their turn.
	 * A thread handed the kept lock does not check the path again (a {@code statx} of 1 to
	 * 2 µs, as much as the rest of the hand-off): a file deleted or replaced within the
	 * window is noticed by the next acquisition from the operating system, as if the
	 * first holder had held it that much longer.
	 * @param nowNanos the manager's ticker now
	 * @return true if this was the JVM's last hold
	 */
	boolean release(Thread owner, long nowNanos) {
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
			if (this.file != null && !this.waiting.isEmpty() && this.handOffs < HAND_OFF_LIMIT
					&& nowNanos - this.verifiedNanos < HAND_OFF_WINDOW_NANOS) {
				// One thread takes it (and wakes the others if they can share it): waking them all costs each a
				// context switch on every release. Whoever comes first may take it, as with a ReentrantLock.
				this.kept = released;
				this.handOffs++;
				this.changed.signal();
				return true;
			}
			this.handOffs = 0;
			this.changed.signalAll();
			if (this.file != null) {
				// the owner record stays: a reader checks it against /proc/locks (HolderInfo)
				this.file.unlock();
				this.turn.released(nowNanos);
			}
			return true;
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * Records that the JVM took the operating-system lock, straight away or after waiting.
	 * @return the run of taking it straight back to look for waiting processes for, when
	 * that {@link Turn} has lasted long enough (answer with {@link #checked}); otherwise
	 * {@link Turn#NO_CHECK}
	 */
	long tookOperatingSystemLock(boolean straightAway, long nowNanos) {
		this.mutex.lock();
		try {
			return this.turn.taken(straightAway, nowNanos);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * The answer of a look for waiting processes: if others wait, the acquisition after the
	 * next release waits first, unless the run has been broken meanwhile.
	 */
	void checked(long run, boolean othersWaiting) {
		this.mutex.lock();
		try {
			this.turn.checked(run, othersWaiting);
		}
		finally {
			this.mutex.unlock();
		}
	}

	/**
	 * How long the acquirer should wait before it tries, to leave the lock to the
	 * processes that waited for the last turn; zero mostly.
	 */
	long courtesyNanos(long nowNanos) {
		this.mutex.lock();
		try {
			return this.turn.courtesyNanos(nowNanos);
		}
		finally {
			this.mutex.unlock();
		}
	}

	private void releaseKept() {
		this.kept = null;
		this.handOffs = 0;
		if (this.file != null) {
			this.file.unlock();
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
