package io.filelock.engine;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockPolicy;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.LockEntry.Admission;
import io.filelock.engine.LockListener.AcquireEvent;
import io.filelock.engine.LockListener.Outcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link LockManager}: resolves a name to its file and policy, settles contention
 * between threads of this JVM through {@link LockEntry}, and competes with other
 * processes through a {@link LockFileStrategy}, retrying with backoff until the timeout.
 */
public final class FileLockManager implements LockManager, AutoCloseable {

	private static final Log logger = LogFactory.getLog(FileLockManager.class);

	/** How many names {@link #pathOf} keeps resolved. */
	private static final int PATH_CACHE_SIZE = 256;

	private final LockManagerConfig config;

	private final LockFileStrategy strategy;

	private final LockRegistry registry = new LockRegistry();

	private final boolean kernelWait;

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicInteger active = new AtomicInteger();

	private final long pid = ProcessHandle.current().pid();

	private final String host = HostName.local();

	private final OwnerRecordWriter records;

	private final TurnWatch turnWatch;

	/** Lock files by name in the lock directory: encoding a name and resolving it cost more than the lookup. */
	private final ConcurrentHashMap<String, Path> paths = new ConcurrentHashMap<>();

	public FileLockManager(LockManagerConfig config) {
		this(config, LockFileStrategy.select(config.strategy()));
	}

	FileLockManager(LockManagerConfig config, LockFileStrategy strategy) {
		this(config, strategy, TurnWatch.SYSTEM);
	}

	FileLockManager(LockManagerConfig config, LockFileStrategy strategy, TurnWatch turnWatch) {
		this.config = config;
		this.turnWatch = turnWatch;
		this.records = new OwnerRecordWriter(this.pid, this.host, config.applicationName());
		this.strategy = strategy;
		this.kernelWait = config.kernelWait() && this.strategy.waitsInKernel();
	}

	@Override
	public LockHandle acquire(String name, LockMode mode) {
		return acquire(new LockRequest(name, mode, null, name));
	}

	@Override
	public LockHandle acquire(String name, LockMode mode, Duration timeout) {
		return acquire(LockRequest.of(name, mode, timeout));
	}

	@Override
	public Optional<LockHandle> tryAcquire(String name, LockMode mode) {
		return Optional.ofNullable(acquire(new LockRequest(name, mode, Duration.ZERO, name), true));
	}

	/**
	 * Acquires a lock as described by {@code request}.
	 */
	public LockHandle acquire(LockRequest request) {
		LockHandle handle = acquire(request, false);
		if (handle == null) {
			throw new IllegalStateException("acquire returned no handle");
		}
		return handle;
	}

	/**
	 * Acquires a lock as described by {@code request}, but returns empty rather than
	 * throwing (and logging a warning) when it is still busy at the timeout: for callers
	 * that skip their work then, such as {@code @FileLocked(onTimeout = SKIP)}.
	 */
	public Optional<LockHandle> tryAcquire(LockRequest request) {
		return Optional.ofNullable(acquire(request, true));
	}

	private @Nullable LockHandle acquire(LockRequest request, boolean emptyWhenBusy) {
		String name = request.name();
		LockMode mode = request.mode();
		LockPolicy policy = this.config.policy(name);
		Duration timeout = (request.timeout() != null) ? request.timeout() : policy.timeout();
		Path path = pathOf(name, policy);
		boolean managed = (policy.path() == null);
		long start = this.config.ticker().nanoTime();
		long timeoutNanos = LockEntry.toNanos(timeout);
		Attempt attempt = new Attempt(request, path, timeout, start);
		if (timeoutNanos > 0 && Thread.interrupted()) {
			throw attempt.interrupted(new InterruptedException());
		}
		LockEntry entry = this.registry.retain(path, managed, name);
		boolean holding = false;
		this.pending.incrementAndGet();
		try {
			Admission admission = enter(entry, mode, timeoutNanos, attempt);
			if (admission == Admission.HELD) {
				holding = true;
				return attempt.acquired(entry);
			}
			if (admission == Admission.HANDED_OVER) {
				// The owner record is not rewritten: the process has held the operating-system lock without a
				// break since the thread named there took it (a pwrite would double the cost of the hand-off).
				// Nor is the path checked again (see LockEntry.release).
				holding = true;
				this.active.incrementAndGet();
				return attempt.acquired(entry);
			}
			if (admission == Admission.TIMED_OUT) {
				return attempt.timedOut(emptyWhenBusy, entry::describeLocalHolders);
			}
			long deadline = start + timeoutNanos;
			long thresholdNanos = LockEntry.toNanos(this.config.waitLogThreshold());
			// one ticker read serves while nothing waits: the clock costs about 40 ns a read here
			long now = start;
			long courtesy = entry.courtesyNanos(now);
			if (courtesy > 0 && timeoutNanos > 0) {
				// this JVM took the lock straight back for a whole turn while others waited: let one of them in
				this.config.sleeper().sleep(Math.min(courtesy, deadline - now));
				now = this.config.ticker().nanoTime();
			}
			// decided after a first attempt failed, so that an uncontended acquisition pays nothing for it
			Boolean inKernel = null;
			Waiting waiting = null;
			while (true) {
				attempt.attempts++;
				if (tryOperatingSystemLock(entry, mode, attempt, now)) {
					holding = true;
					long acquired = this.config.ticker().nanoTime();
					long run = entry.tookOperatingSystemLock(attempt.attempts == 1, acquired);
					if (run != Turn.NO_CHECK) {
						this.turnWatch.check(entry, run, this.pid);
					}
					return attempt.acquired(entry, acquired);
				}
				now = this.config.ticker().nanoTime();
				if (now - deadline >= 0) {
					return attempt.timedOut(emptyWhenBusy, () -> describeHolder(entry));
				}
				if (!attempt.announced && now - start >= thresholdNanos) {
					attempt.announced = true;
					logger.info("Blocking waiting for file lock " + LockFileNames.quote(name) + " (" + path + ", "
							+ mode + "): " + describeHolder(entry));
				}
				if (inKernel == null) {
					inKernel = this.kernelWait && this.strategy.kernelWaitUsableByCurrentThread();
				}
				if (inKernel) {
					// until the deadline, or first until the wait is long enough to be logged
					long nanos = attempt.announced ? deadline - now
							: Math.min(deadline - now, start + thresholdNanos - now);
					if (!awaitInKernel(entry, mode, nanos, attempt)) {
						inKernel = false;
					}
				}
				else {
					if (waiting == null) {
						waiting = new Waiting(policy.backoff(), this.config.sleeper());
					}
					waiting.sleep(deadline - now);
				}
				now = this.config.ticker().nanoTime();
			}
		}
		catch (InterruptedException ex) {
			throw attempt.interrupted(ex);
		}
		finally {
			this.pending.decrementAndGet();
			if (!holding) {
				// whatever ended the attempt (timeout, interrupt, error), let the next waiter compete
				entry.abandon();
				this.registry.release(entry);
			}
		}
	}

	/**
	 * Waits for the threads of this JVM that keep the lock, with the same one INFO line
	 * as a wait for another process once the wait log threshold has passed.
	 */
	private Admission enter(LockEntry entry, LockMode mode, long timeoutNanos, Attempt attempt)
			throws InterruptedException {
		long thresholdNanos = LockEntry.toNanos(this.config.waitLogThreshold());
		if (timeoutNanos <= thresholdNanos) {
			return entry.enter(mode, timeoutNanos);
		}
		long begin = System.nanoTime();
		Admission admission = entry.enter(mode, thresholdNanos);
		if (admission != Admission.TIMED_OUT) {
			return admission;
		}
		attempt.announced = true;
		logger.info("Blocking waiting for file lock " + LockFileNames.quote(attempt.request.name()) + " ("
				+ attempt.path + ", " + mode + "): " + entry.describeLocalHolders());
		return entry.enter(mode, timeoutNanos - (System.nanoTime() - begin));
	}

	private boolean tryOperatingSystemLock(LockEntry entry, LockMode mode, Attempt attempt, long nowNanos) {
		boolean locked;
		try {
			locked = entry.attempt(mode, () -> open(entry.path, entry.managed), nowNanos);
		}
		catch (LockException ex) {
			throw attempt.failed(ex);
		}
		if (locked) {
			this.active.incrementAndGet();
			if (entry.managed && mode == LockMode.EXCLUSIVE) {
				writeOwnerRecord(entry);
			}
		}
		return locked;
	}

	/**
	 * @return false if the kernel refused the wait: the caller polls with the backoff for
	 * the rest of this acquisition
	 */
	private boolean awaitInKernel(LockEntry entry, LockMode mode, long nanos, Attempt attempt)
			throws InterruptedException {
		try {
			entry.awaitInKernel(mode, nanos, () -> open(entry.path, entry.managed));
			return true;
		}
		catch (KernelWaitRefusedException ex) {
			logger.debug(ex.getMessage() + "; polling with the backoff instead");
			return false;
		}
		catch (LockException ex) {
			throw attempt.failed(ex);
		}
	}

	void release(FileLockHandle handle) {
		LockEntry entry = handle.entry;
		long now = this.config.ticker().nanoTime();
		try {
			if (entry.release(handle.owner, now)) {
				this.active.decrementAndGet();
			}
		}
		catch (LockException ex) {
			this.active.decrementAndGet();
			logger.warn("Releasing " + handle + " failed; the lock goes when its file is closed: " + ex.getMessage());
		}
		finally {
			this.registry.release(entry);
			Duration held = Duration.ofNanos(now - handle.acquiredNanos);
			try {
				this.config.listener().released(handle.metricName, handle.mode(), held);
			}
			catch (RuntimeException ex) {
				logger.warn("Lock listener failed on the release of " + handle + ": " + ex, ex);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Released file lock " + LockFileNames.quote(handle.name()) + " (" + handle.path() + ", "
						+ handle.mode() + ") after " + held.toMillis() + " ms");
			}
		}
	}

	private void writeOwnerRecord(LockEntry entry) {
		try {
			entry.writeRecord(this.records.recordOf(Thread.currentThread(), System.currentTimeMillis()));
		}
		catch (IOException ex) {
			logger.warn("Could not write the owner record of " + entry.path + " (the lock is held all the same): "
					+ ex.getMessage());
		}
	}

	private String describeHolder(LockEntry entry) {
		try {
			return HolderInfo.of(entry.readRecord(() -> open(entry.path, entry.managed)), entry.path, this.host)
				.describe();
		}
		catch (IOException | LockException ex) {
			return "owner record not readable: " + ex.getMessage();
		}
	}

	private OpenLockFile open(Path path, boolean managed) {
		try {
			return this.strategy.open(path, managed);
		}
		catch (OpenFailedException ex) {
			if (!managed || !ex.missingDirectory()) {
				throw ex;
			}
			createDirectory(path.getParent());
			return this.strategy.open(path, managed);
		}
	}

	private static void createDirectory(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (FileAlreadyExistsException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": " + ex.getFile()
					+ " exists and is not a directory", ex);
		}
		catch (FileSystemException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": "
					+ ((ex.getReason() != null) ? ex.getReason() : ex.getClass().getSimpleName()) + " (" + ex.getFile()
					+ ")", ex);
		}
		catch (IOException ex) {
			throw new LockException("Cannot create lock directory " + directory + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Closes the few idle lock files kept open for quick reuse, for example before their
	 * file system is unmounted; Spring calls it when the context closes. Held locks are
	 * untouched and the manager stays usable: files are opened again when needed.
	 */
	@Override
	public void close() {
		this.registry.closeIdle();
	}

	/**
	 * The file of the lock with the given name.
	 * @throws LockException if the name is not a valid lock name
	 */
	public Path pathOf(String name) {
		return pathOf(name, this.config.policy(name));
	}

	private Path pathOf(String name, LockPolicy policy) {
		Path explicit = policy.path();
		if (explicit != null) {
			// normalised: the registry must see one file as one entry, or closing one entry's
			// descriptor would drop the POSIX locks that another holds on the same file
			return explicit.toAbsolutePath().normalize();
		}
		Path cached = this.paths.get(name);
		if (cached == null) {
			cached = this.config.directory().resolve(LockFileNames.fileName(name));
			if (this.paths.size() >= PATH_CACHE_SIZE) {
				// names from templates can be unbounded: start over rather than grow
				this.paths.clear();
			}
			this.paths.put(name, cached);
		}
		return cached;
	}

	/**
	 * Who holds the lock's file, without taking the lock.
	 * @return empty if the lock file does not exist
	 */
	public Optional<HolderInfo> holder(String name) {
		LockPolicy policy = this.config.policy(name);
		Path path = pathOf(name, policy);
		if (!Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		LockEntry entry = this.registry.retain(path, policy.path() == null, name);
		try {
			return Optional.of(HolderInfo.of(entry.readRecord(() -> open(path, false)), path, this.host));
		}
		catch (IOException ex) {
			throw new LockException("Cannot read lock file " + path + ": " + ex.getMessage(), ex);
		}
		finally {
			this.registry.release(entry);
		}
	}

	/**
	 * Every lock this JVM holds or waits for now.
	 */
	public List<LockSnapshot> snapshot() {
		return this.registry.entries().stream().map(LockEntry::snapshot).toList();
	}

	public Path directory() {
		return this.config.directory();
	}

	/**
	 * The strategy in effect ({@link LockStrategy#AUTO} resolved).
	 */
	public LockStrategy strategy() {
		return this.strategy.kind();
	}

	/**
	 * The effective policy of the lock with the given name.
	 */
	public LockPolicy policy(String name) {
		return this.config.policy(name);
	}

	/**
	 * Locks with a policy of their own, by name.
	 */
	public Map<String, LockPolicy> configuredPolicies() {
		return this.config.policies();
	}

	/**
	 * Whether a caller waiting for another process blocks in the kernel (platform
	 * threads) rather than polling with the backoff: {@code kernelWait} is on and the
	 * strategy supports it here.
	 */
	public boolean waitsInKernel() {
		return this.kernelWait;
	}

	LockManagerConfig config() {
		return this.config;
	}

	/**
	 * Locks that a thread of this JVM holds now.
	 */
	public int activeCount() {
		return this.active.get();
	}

	/**
	 * Threads of this JVM inside an acquisition now.
	 */
	public int pendingCount() {
		return this.pending.get();
	}

	/**
	 * Locks this JVM keeps an entry (and an open file) for: those held or waited for.
	 */
	int registeredEntries() {
		return this.registry.size();
	}

	/**
	 * The state of one acquisition: reports its outcome to the listener and the log.
	 */
	private final class Attempt {

		final LockRequest request;

		final Path path;

		final Duration timeout;

		final long start;

		int attempts;

		boolean announced;

		Attempt(LockRequest request, Path path, Duration timeout, long start) {
			this.request = request;
			this.path = path;
			this.timeout = timeout;
			this.start = start;
		}

		FileLockHandle acquired(LockEntry entry) {
			return acquired(entry, FileLockManager.this.config.ticker().nanoTime());
		}

		FileLockHandle acquired(LockEntry entry, long now) {
			Duration waited = finish(Outcome.ACQUIRED, now);
			if (this.announced) {
				logger.info("Acquired file lock " + LockFileNames.quote(this.request.name()) + " after "
						+ waited.toMillis() + " ms");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Acquired file lock " + LockFileNames.quote(this.request.name()) + " (" + this.path + ", "
						+ this.request.mode() + ") after " + waited.toMillis() + " ms, " + this.attempts + " attempt(s)");
			}
			return new FileLockHandle(FileLockManager.this, entry, this.request.name(), this.request.mode(),
					this.request.metricName(), now);
		}

		@Nullable FileLockHandle timedOut(boolean emptyWhenBusy, Supplier<String> holder) {
			Duration waited = finish(Outcome.TIMEOUT, FileLockManager.this.config.ticker().nanoTime());
			if (emptyWhenBusy) {
				return null;
			}
			String message = "Timed out after " + waited.toMillis() + " ms (timeout " + this.timeout.toMillis()
					+ " ms, " + this.attempts + " attempt(s)) waiting for " + this.request.mode() + " lock "
					+ LockFileNames.quote(this.request.name()) + " (file " + this.path + "): " + holder.get();
			logger.warn(message);
			throw new LockTimeoutException(message, this.request.name(), waited, this.attempts);
		}

		LockInterruptedException interrupted(InterruptedException ex) {
			Thread.currentThread().interrupt();
			Duration waited = finish(Outcome.INTERRUPTED, FileLockManager.this.config.ticker().nanoTime());
			return new LockInterruptedException("Interrupted after " + waited.toMillis() + " ms waiting for "
					+ this.request.mode() + " lock " + LockFileNames.quote(this.request.name()) + " (file " + this.path
					+ ")", ex);
		}

		LockException failed(LockException ex) {
			finish(Outcome.ERROR, FileLockManager.this.config.ticker().nanoTime());
			return ex;
		}

		private Duration finish(Outcome outcome, long now) {
			Duration waited = Duration.ofNanos(Math.max(now - this.start, 0));
			AcquireEvent event = new AcquireEvent(this.request.metricName(), this.request.mode(), outcome, waited,
					this.attempts);
			try {
				FileLockManager.this.config.listener().acquireFinished(event);
			}
			catch (RuntimeException ex) {
				// a failing listener must not lose a lock that is held, nor hide why it was not
				logger.warn("Lock listener failed on " + event + ": " + ex, ex);
			}
			return waited;
		}

	}

}
