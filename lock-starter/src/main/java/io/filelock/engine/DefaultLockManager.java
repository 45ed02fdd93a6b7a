package io.filelock.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockPolicy;
import io.filelock.LockRequest;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockEvents;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockIntrospection;
import io.filelock.spi.LockListener;
import io.filelock.spi.LockManagerSettings;
import io.filelock.spi.LockPreflight;
import io.filelock.spi.LockResource;
import io.filelock.spi.LockSnapshot;
import io.filelock.spi.ThreadHolds;

/**
 * The {@link LockManager} of the starter: resolves a name to its policy and its key in
 * the {@link LockBackend}, and leaves the rest to the {@link Acquirer}. Also the
 * {@link LockIntrospection} of its locks, and the {@link LockEvents} that metrics listen
 * to.
 */
public final class DefaultLockManager
		implements LockManager, LockIntrospection, LockEvents, LockPreflight, ThreadHolds.Source {

	private final LockManagerSettings settings;

	private final LockBackend backend;

	private final LockTable table = new LockTable();

	private final Listeners listeners = new Listeners();

	private final AcquisitionReport report = new AcquisitionReport(this.listeners);

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicInteger pending = new AtomicInteger();

	private final Ticker ticker;

	private final Acquirer acquirer;

	/**
	 * A manager over {@code backend}; {@code ticker} and {@code sleeper} are the clock it
	 * waits with, which tests replace.
	 */
	public DefaultLockManager(LockManagerSettings settings, LockBackend backend, Ticker ticker, Sleeper sleeper) {
		this(settings, backend, ticker, sleeper, TurnWatch.SYSTEM);
	}

	DefaultLockManager(LockManagerSettings settings, LockBackend backend, Ticker ticker, Sleeper sleeper,
			TurnWatch turnWatch) {
		this.settings = settings;
		this.backend = backend;
		this.ticker = ticker;
		this.acquirer = new Acquirer(settings, backend, this.table, ticker, sleeper, turnWatch, this.report,
				this.active, this.pending);
		settings.listeners().forEach(this.listeners::add);
		backend.watchLosses(this::lost);
		ThreadHolds.register(this);
	}

	@Override
	public LockHandle acquire(LockRequest request) {
		EngineHandle handle = this.acquirer.acquire(this, request, false);
		if (handle == null) {
			throw new IllegalStateException("acquire returned no handle");
		}
		return handle;
	}

	@Override
	public Optional<LockHandle> tryAcquire(LockRequest request) {
		return Optional.ofNullable(this.acquirer.acquire(this, request, true));
	}

	void release(EngineHandle handle) {
		LockEntry entry = handle.entry;
		long now = this.ticker.nanoTime();
		try {
			if (entry.admission.release(handle.owner, now)) {
				this.active.decrementAndGet();
			}
		}
		catch (LockException ex) {
			// the JVM's last hold: the backend dropped the lock all the same
			this.active.decrementAndGet();
			this.report.releaseFailed(handle, ex);
		}
		finally {
			this.table.release(entry);
			this.report.released(handle, Duration.ofNanos(now - handle.acquiredNanos));
		}
	}

	/**
	 * The backend lost the lock of {@code key} while the JVM held it: its holders keep
	 * their handles (now invalid) until they release them, and nobody joins them.
	 */
	private void lost(BackendKey key, String reason) {
		LockEntry entry = this.table.find(key);
		if (entry == null) {
			return;
		}
		LockMode mode = entry.admission.lose();
		if (mode != null) {
			this.report.lost(entry, mode, reason, entry.admission.describeLocalHolders());
		}
	}

	@Override
	public boolean holdsAny(Thread thread) {
		return this.table.entries().stream().anyMatch((entry) -> entry.admission.isHeldBy(thread));
	}

	@Override
	public boolean holds(Thread thread, String name) {
		BackendKey key;
		try {
			key = this.backend.keyOf(name, policy(name));
		}
		catch (LockException ex) {
			// not a valid lock name: nobody holds it
			return false;
		}
		LockEntry entry = this.table.find(key);
		return entry != null && entry.admission.isHeldBy(thread);
	}

	@Override
	public void addListener(LockListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Closes what is kept open for quick reuse (idle lock files), for example before
	 * their file system is unmounted. Held locks are untouched and the manager stays
	 * usable.
	 */
	@Override
	public void close() {
		this.table.closeIdle();
		this.backend.close();
	}

	@Override
	public void checkLocations() {
		this.backend.checkLocations();
	}

	@Override
	public LockBackendStatus backendStatus() {
		return this.backend.status();
	}

	@Override
	public List<LockSnapshot> snapshot() {
		return this.table.entries().stream().map((entry) -> entry.admission.snapshot(entry.name, entry.key)).toList();
	}

	/**
	 * Who holds the lock, as the backend tells; when threads of this JVM hold it, they are
	 * named first.
	 */
	@Override
	public Optional<LockHolders> holders(String name) {
		BackendKey key = this.backend.keyOf(name, policy(name));
		Optional<LockHolders> holders = this.backend.holders(key);
		LockEntry entry = this.table.find(key);
		LockSnapshot local = (entry != null) ? entry.admission.snapshot(entry.name, key) : null;
		if (local == null || local.holders().isEmpty()) {
			return holders;
		}
		String threads = "held " + local.heldMode() + " by thread(s) "
				+ local.holders().stream().map(LockSnapshot.Holder::thread).toList() + " of this process";
		return holders.map((elsewhere) -> new LockHolders(LockHolders.State.HELD_BY_THIS_PROCESS,
				threads + "; " + elsewhere.description(), elsewhere.recordState(), elsewhere.owner(),
				elsewhere.ownerAlive(), elsewhere.processes(), elsewhere.sessions()));
	}

	@Override
	public LockResource resource(String name) {
		return this.backend.keyOf(name, policy(name)).resource();
	}

	@Override
	public LockPolicy policy(String name) {
		return this.settings.policy(name);
	}

	@Override
	public Map<String, LockPolicy> configuredPolicies() {
		return this.settings.policies();
	}

	@Override
	public int activeCount() {
		return this.active.get();
	}

	@Override
	public int pendingCount() {
		return this.pending.get();
	}

	/**
	 * Locks this JVM keeps an entry for: those held or waited for.
	 */
	int registeredEntries() {
		return this.table.size();
	}

	LockManagerSettings settings() {
		return this.settings;
	}

}
