package io.filelock.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One way for a process to take a cross-process lock: the library itself or one of the
 * baselines. Single-threaded use only.
 */
interface Contender extends AutoCloseable {

	/** The library with its defaults (strategy AUTO, which is FLOCK on Linux). */
	String LIBRARY = "library";

	/**
	 * The library with its defaults but calling the C library through JNA
	 * ({@code -Dio.filelock.binding=jna}): on JDK 22 and later, where {@link #LIBRARY}
	 * calls it through the Foreign Function &amp; Memory API, the two compare the bindings.
	 */
	String LIBRARY_JNA = "library-jna";

	/** The system property of the starter that forces its binding of the C library. */
	String BINDING_PROPERTY = "io.filelock.binding";

	/** The library with the FCNTL strategy. */
	String LIBRARY_FCNTL = "library-fcntl";

	/**
	 * The library with the BOTH strategy: a {@code flock(2)} lock, then a POSIX lock, on
	 * one file.
	 */
	String LIBRARY_BOTH = "library-both";

	/** Blocking {@code flock(LOCK_EX)} on a descriptor kept open: the physical limit. */
	String FLOCK = "flock-blocking";

	/** Blocking {@link FileChannel#lock()} on a channel kept open. */
	String FILE_CHANNEL = "filechannel-lock";

	/** The seed's pattern: {@code LOCK_EX|LOCK_NB} retried every 100 ms until the timeout. */
	String SEED_POLL = "seed-poll-100ms";

	List<String> CROSS_PROCESS = List.of(LIBRARY, LIBRARY_JNA, LIBRARY_FCNTL, LIBRARY_BOTH, FLOCK, FILE_CHANNEL,
			SEED_POLL);

	/**
	 * The cross-process variants run unless {@code --variants} says otherwise: all, less
	 * {@link #LIBRARY_JNA} before JDK 22, where it is {@link #LIBRARY} again, and less
	 * {@link #LIBRARY_BOTH} for a starter without that strategy.
	 */
	static List<String> defaultVariants() {
		return CROSS_PROCESS.stream()
			.filter((variant) -> !variant.equals(LIBRARY_JNA) || Runtime.version().feature() >= 22)
			.filter((variant) -> !variant.equals(LIBRARY_BOTH) || Managers.both().isPresent())
			.toList();
	}

	/**
	 * How this contender calls the C library, where it says: {@code ffm} or {@code jna}
	 * for the library's variants.
	 */
	default String binding() {
		return "";
	}

	/**
	 * Takes the lock.
	 * @return false if the timeout passed first (baselines without a timeout never
	 * return false)
	 */
	boolean lock() throws IOException;

	void unlock() throws IOException;

	@Override
	void close() throws IOException;

	static Contender create(String variant, Path directory, String name, Duration timeout) throws IOException {
		Path file = directory.resolve(name + ".lock");
		return switch (variant) {
			case LIBRARY -> new Library(directory, name, timeout, LockStrategy.AUTO);
			case LIBRARY_JNA -> {
				// read once, when the starter first binds the C library: before any manager of this JVM
				System.setProperty(BINDING_PROPERTY, "jna");
				Library library = new Library(directory, name, timeout, LockStrategy.AUTO);
				if (!library.binding().isEmpty() && !library.binding().equals("jna")) {
					throw new IllegalStateException("Variant " + LIBRARY_JNA + " runs on the " + library.binding()
							+ " binding: this JVM bound the C library before " + BINDING_PROPERTY + " was set");
				}
				yield library;
			}
			case LIBRARY_FCNTL -> new Library(directory, name, timeout, LockStrategy.FCNTL);
			case LIBRARY_BOTH -> new Library(directory, name, timeout, Managers.both()
				.orElseThrow(() -> new IllegalArgumentException("The starter under test has no strategy BOTH")));
			case FLOCK -> new BlockingFlock(file);
			case FILE_CHANNEL -> new BlockingChannel(file);
			case SEED_POLL -> new PollingFlock(file, timeout, Duration.ofMillis(100));
			case PostgresContenders.LIBRARY, PostgresContenders.BLOCKING, PostgresContenders.REGISTRY ->
				PostgresContenders.create(variant, name, timeout);
			default -> throw new IllegalArgumentException("Unknown variant '" + variant + "'");
		};
	}

	final class Library implements Contender {

		private final LockManager manager;

		private final String name;

		private final Duration timeout;

		private @Nullable LockHandle handle;

		Library(Path directory, String name, Duration timeout, LockStrategy strategy) {
			this(LockManager.builder().directory(directory).strategy(strategy).timeout(timeout), name, timeout);
		}

		Library(io.filelock.LockManagerBuilder builder, String name, Duration timeout) {
			this.manager = Managers.build(builder);
			this.name = name;
			this.timeout = timeout;
		}

		@Override
		public boolean lock() {
			try {
				this.handle = this.manager.acquire(this.name, LockMode.EXCLUSIVE, this.timeout);
				return true;
			}
			catch (LockTimeoutException ex) {
				return false;
			}
		}

		@Override
		public void unlock() {
			LockHandle held = this.handle;
			this.handle = null;
			if (held != null) {
				held.close();
			}
		}

		@Override
		public void close() {
			unlock();
		}

		/**
		 * What the manager's backend status says, empty from a starter that does not say
		 * (before the FFM binding).
		 */
		@Override
		public String binding() {
			return Managers.binding(this.manager);
		}

	}

	/**
	 * A lock file opened once through the benchmark's own native binding.
	 */
	abstract class FlockDescriptor implements Contender {

		final int fd;

		FlockDescriptor(Path file) {
			this.fd = NativeFlock.openLockFile(file.toString());
		}

		@Override
		public void unlock() {
			NativeFlock.flock(this.fd, NativeFlock.LOCK_UN);
		}

		@Override
		public void close() {
			NativeFlock.close(this.fd);
		}

	}

	final class BlockingFlock extends FlockDescriptor {

		BlockingFlock(Path file) {
			super(file);
		}

		@Override
		public boolean lock() {
			NativeFlock.lock(this.fd, NativeFlock.LOCK_EX);
			return true;
		}

	}

	final class PollingFlock extends FlockDescriptor {

		private final long timeoutNanos;

		private final long pollNanos;

		PollingFlock(Path file, Duration timeout, Duration poll) {
			super(file);
			this.timeoutNanos = timeout.toNanos();
			this.pollNanos = poll.toNanos();
		}

		@Override
		public boolean lock() {
			long deadline = System.nanoTime() + this.timeoutNanos;
			while (!NativeFlock.tryLock(this.fd, NativeFlock.LOCK_EX)) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				LockSupport.parkNanos(Math.min(left, this.pollNanos));
			}
			return true;
		}

	}

	final class BlockingChannel implements Contender {

		private final FileChannel channel;

		private @Nullable FileLock lock;

		BlockingChannel(Path file) throws IOException {
			this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
		}

		@Override
		public boolean lock() throws IOException {
			this.lock = this.channel.lock();
			return true;
		}

		@Override
		public void unlock() throws IOException {
			FileLock held = this.lock;
			this.lock = null;
			if (held != null) {
				held.release();
			}
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

	static void work(long micros) {
		if (micros > 0) {
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
		}
	}

}
