package io.filelock.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.filelock.LockMode;
import io.filelock.spi.LockListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Records every acquisition and release of a file lock as Micrometer meters:
 * <ul>
 * <li>{@code file.lock.acquire} (timer; tags {@code lock}, {@code mode},
 * {@code outcome}): time spent acquiring</li>
 * <li>{@code file.lock.timeouts} (counter; tags {@code lock}, {@code mode}):
 * acquisitions that gave up at their timeout</li>
 * <li>{@code file.lock.held} (timer; tags {@code lock}, {@code mode}): how long locks
 * were held</li>
 * <li>{@code file.lock.lost} (counter; tags {@code lock}, {@code mode}): locks lost
 * while held, their database session having ended</li>
 * </ul>
 * The {@code lock} tag is the lock's metric name (the template of a templated name). The
 * meters of a name are registered once and then looked up without building tags; past
 * {@code maxLockNames} distinct names, further names are recorded under
 * {@value #OVERFLOW_TAG} so that a caller passing per-call names cannot flood the registry.
 */
public final class FileLockMetricsListener implements LockListener {

	/**
	 * The default number of distinct {@code lock} tag values.
	 */
	public static final int DEFAULT_MAX_LOCK_NAMES = 1000;

	/**
	 * The {@code lock} tag of the names beyond the limit.
	 */
	public static final String OVERFLOW_TAG = "_other";

	private static final Log logger = LogFactory.getLog(FileLockMetricsListener.class);

	private final MeterRegistry registry;

	private final int maxLockNames;

	private final ConcurrentMap<String, LockMeters> meters = new ConcurrentHashMap<>();

	private final LockMeters overflow;

	private final AtomicBoolean overflowLogged = new AtomicBoolean();

	public FileLockMetricsListener(MeterRegistry registry) {
		this(registry, DEFAULT_MAX_LOCK_NAMES);
	}

	public FileLockMetricsListener(MeterRegistry registry, int maxLockNames) {
		if (maxLockNames < 1) {
			throw new IllegalArgumentException("Invalid maxLockNames '" + maxLockNames + "': must be >= 1");
		}
		this.registry = registry;
		this.maxLockNames = maxLockNames;
		this.overflow = new LockMeters(registry, OVERFLOW_TAG);
	}

	@Override
	public void acquireFinished(AcquireEvent event) {
		LockMeters lock = metersOf(event.lock());
		lock.acquire(event.mode(), event.outcome()).record(event.waited().toNanos(), TimeUnit.NANOSECONDS);
		if (event.outcome() == Outcome.TIMEOUT) {
			lock.timeouts(event.mode()).increment();
		}
	}

	@Override
	public void released(String lock, LockMode mode, Duration held) {
		metersOf(lock).held(mode).record(held.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void lockLost(String lock, LockMode mode) {
		metersOf(lock).lost(mode).increment();
	}

	private LockMeters metersOf(String lock) {
		LockMeters existing = this.meters.get(lock);
		if (existing != null) {
			return existing;
		}
		if (this.meters.size() >= this.maxLockNames) {
			if (this.overflowLogged.compareAndSet(false, true)) {
				logger.warn("More than " + this.maxLockNames + " distinct lock names seen; the metrics of lock '"
						+ lock + "' and of every further name are recorded under lock=" + OVERFLOW_TAG
						+ ". Use a templated name (@FileLocked(\"account-#{#id}\")) so that the lock tag stays bounded");
			}
			return this.overflow;
		}
		return this.meters.computeIfAbsent(lock, (name) -> new LockMeters(this.registry, name));
	}

	/**
	 * The meters of one lock name, each registered on first use.
	 */
	private static final class LockMeters {

		private static final LockMode[] MODES = LockMode.values();

		private static final Outcome[] OUTCOMES = Outcome.values();

		private final MeterRegistry registry;

		private final String lock;

		private final AtomicReferenceArray<Timer> acquire = new AtomicReferenceArray<>(MODES.length * OUTCOMES.length);

		private final AtomicReferenceArray<Counter> timeouts = new AtomicReferenceArray<>(MODES.length);

		private final AtomicReferenceArray<Timer> held = new AtomicReferenceArray<>(MODES.length);

		private final AtomicReferenceArray<Counter> lost = new AtomicReferenceArray<>(MODES.length);

		LockMeters(MeterRegistry registry, String lock) {
			this.registry = registry;
			this.lock = lock;
		}

		// Two threads may both register a meter the first time: the registry hands both
		// the same one, so the race is harmless.

		Timer acquire(LockMode mode, Outcome outcome) {
			int index = mode.ordinal() * OUTCOMES.length + outcome.ordinal();
			Timer timer = this.acquire.get(index);
			if (timer == null) {
				timer = Timer.builder("file.lock.acquire")
					.description("Time spent acquiring file locks")
					.tags(tags(mode))
					.tag("outcome", outcome.tag())
					.register(this.registry);
				this.acquire.set(index, timer);
			}
			return timer;
		}

		Counter timeouts(LockMode mode) {
			Counter counter = this.timeouts.get(mode.ordinal());
			if (counter == null) {
				counter = Counter.builder("file.lock.timeouts")
					.description("File lock acquisitions that gave up at their timeout")
					.tags(tags(mode))
					.register(this.registry);
				this.timeouts.set(mode.ordinal(), counter);
			}
			return counter;
		}

		Timer held(LockMode mode) {
			Timer timer = this.held.get(mode.ordinal());
			if (timer == null) {
				timer = Timer.builder("file.lock.held")
					.description("How long file locks were held")
					.tags(tags(mode))
					.register(this.registry);
				this.held.set(mode.ordinal(), timer);
			}
			return timer;
		}

		Counter lost(LockMode mode) {
			Counter counter = this.lost.get(mode.ordinal());
			if (counter == null) {
				counter = Counter.builder("file.lock.lost")
					.description("Locks lost while held: their database session ended")
					.tags(tags(mode))
					.register(this.registry);
				this.lost.set(mode.ordinal(), counter);
			}
			return counter;
		}

		private Tags tags(LockMode mode) {
			return Tags.of("lock", this.lock, "mode", mode.name().toLowerCase(Locale.ROOT));
		}

	}

}
