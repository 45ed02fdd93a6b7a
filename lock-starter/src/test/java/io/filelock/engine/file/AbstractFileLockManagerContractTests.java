package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.AbstractLockManagerContractTests;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.LockBackend;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockManagerSettings;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.ForeignLockHolder;
import io.filelock.testsupport.ForeignLocks;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link LockStrategy} must do beyond the contract of every backend: the lock
 * file itself (owner records, a file replaced or reached through links, file system
 * errors, descriptors). Run once per strategy by a subclass. Other processes are real: the
 * subclass's {@link ForeignLocks} and child JVMs running {@link LockTestProcess}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings({ "try", "deprecation" }) // resources held for their scope; LockHandle.path() of lock files
abstract class AbstractFileLockManagerContractTests extends AbstractLockManagerContractTests {

	@TempDir
	Path directory;

	abstract LockStrategy strategy();

	/**
	 * Another process locking with the kind of lock the strategy must exclude.
	 */
	abstract ForeignLocks foreignLocks();

	/**
	 * How many descriptors the strategy keeps open per lock file (for the leak checks,
	 * whose idle cache keeps a few files open).
	 */
	int descriptorsPerLockFile() {
		return 1;
	}

	@Override
	protected LockManagerBuilder builder() {
		return LockManager.builder().directory(this.directory).strategy(strategy());
	}

	@Override
	protected LockBackend backend(LockManagerSettings settings) {
		return new FileBackend(settings.directory(), LockFileStrategy.select(settings.strategy()),
				settings.applicationName(), settings.kernelWait());
	}

	/**
	 * The foreign locks on the lock files of names in the lock directory.
	 */
	@Override
	protected ForeignLockHolder foreign() {
		ForeignLocks locks = foreignLocks();
		return new ForeignLockHolder() {

			@Override
			public boolean canLock(String name, LockMode mode) throws Exception {
				return locks.canLock(fileOf(name), mode);
			}

			@Override
			public Hold hold(String name) throws Exception {
				Path file = fileOf(name);
				if (Files.notExists(file)) {
					Files.createFile(file);
				}
				ForeignLocks.Hold hold = locks.hold(file);
				return hold::close;
			}

		};
	}

	private Path fileOf(String name) {
		return this.directory.resolve(LockFileNames.fileName(name));
	}

	@Override
	protected ChildJvm startHolder(String name) throws Exception {
		return ChildJvm.start(LockTestProcess.class, "hold", this.directory.toString(), name, strategy().name());
	}

	@Override
	protected int countUnderLock(int processes, int increments) throws Exception {
		return CounterRun.run(this.directory, strategy().name(), processes, increments);
	}

	@Override
	protected String foreignHolderPhrase() {
		return "no owner record";
	}

	@Override
	protected void assertHeldBy(LockHolders holders, long pid) {
		assertThat(holders.recordState()).isEqualTo(LockHolders.RecordState.CURRENT);
		assertThat(holders.owner().pid()).isEqualTo(pid);
	}

	@Override
	protected void assertNamesHolder(LockTimeoutException timeout, ChildJvm holder) {
		assertThat(timeout).hasMessageContaining("held by pid " + holder.pid()).hasMessageContaining("thread \"main\"");
	}

	// ---- acquire, release, tryAcquire ----

	@Test
	void acquireHoldsTheFileUntilClose() throws Exception {
		DefaultLockManager manager = manager();
		assertThat(Managers.strategyOf(manager)).isEqualTo(strategy());
		Path file;
		try (LockHandle handle = manager.acquire("job")) {
			file = handle.path();
			assertThat(file).isEqualTo(this.directory.resolve("job.lock"));
			assertThat(handle.name()).isEqualTo("job");
			assertThat(handle.mode()).isEqualTo(LockMode.EXCLUSIVE);
			assertThat(handle.acquiredAt()).isNotNull();
			assertThat(manager.activeCount()).isOne();
			assertThat(foreignLocks().canLock(file, LockMode.SHARED)).isFalse();
		}
		assertThat(manager.activeCount()).isZero();
		assertThat(registeredEntries(manager)).isZero();
		assertThat(file).exists();
		assertThat(foreignLocks().canLock(file, LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void ownerRecordIsWrittenWhileHeldAndSaysNotHeldAfterRelease() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) builder().applicationName("billing").build();
		Path file;
		try (LockHandle handle = manager.acquire("job")) {
			file = handle.path();
			// read through the manager: opening the file elsewhere in this JVM and closing it
			// would drop the JVM's POSIX (FCNTL) locks on it
			assertThat(manager.holders("job")).hasValueSatisfying((holder) -> {
				assertThat(holder.recordState()).isEqualTo(LockHolders.RecordState.CURRENT);
				assertThat(holder.owner().pid()).isEqualTo(ProcessHandle.current().pid());
				assertThat(holder.owner().thread()).isEqualTo(Thread.currentThread().getName());
				assertThat(holder.owner().application()).isEqualTo("billing");
			});
		}
		// kept (overwritten in place by the next holder), and known to be the last holder's
		assertThat(Files.readString(file)).startsWith("pid=" + ProcessHandle.current().pid() + " ")
			.hasSize(OwnerRecordWriter.SIZE)
			.endsWith(" \n");
		assertThat(manager.holders("job")).hasValueSatisfying((holder) -> {
			assertThat(holder.recordState()).isEqualTo(LockHolders.RecordState.EARLIER_HOLDER);
			assertThat(holder.processes()).isEmpty();
			assertThat(holder.description()).startsWith("not held now (the owner record is the last holder's: pid ");
		});
	}

	@Test
	void ownerRecordIsNeverWrittenWithoutTheLock() throws Exception {
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("job.lock");
		Files.writeString(file, "left by someone else");
		try (ForeignLocks.Hold hold = foreignLocks().hold(file)) {
			assertThat(manager.tryAcquire("job", LockMode.EXCLUSIVE)).isEmpty();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(100)));
			assertThat(Files.readString(file)).isEqualTo("left by someone else");
		}
	}

	// ---- reentrancy ----

	// ---- threads ----

	// ---- other processes ----

	@Test
	void anOwnerRecordLeftByACrashNeverBlocksAndIsReportedStale() throws Exception {
		DefaultLockManager manager = manager();
		long crashedPid;
		try (ChildJvm holder = ChildJvm.start(LockTestProcess.class, "hold", this.directory.toString(), "job", strategy().name())) {
			holder.expect("locked", CHILD_TIMEOUT);
			crashedPid = holder.pid();
			holder.kill9();
		}
		Path file = manager.resource("job").file();
		assertThat(Files.readString(file)).startsWith("pid=" + crashedPid + " ");
		assertThat(manager.holders("job")).hasValueSatisfying((holder) -> {
			assertThat(holder.recordState()).isEqualTo(LockHolders.RecordState.STALE);
			assertThat(holder.owner().pid()).isEqualTo(crashedPid);
		});
		try (ForeignLocks.Hold hold = foreignLocks().hold(file)) {
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(100)))
				.withMessageContaining("stale owner record (pid " + crashedPid + " is not alive");
		}
		Optional<LockHandle> handle = manager.tryAcquire("job", LockMode.EXCLUSIVE);
		assertThat(handle).isPresent();
		handle.get().close();
	}

	// ---- one file, one lock ----

	@Test
	void aLockFileReplacedRightAfterItWasOpenedIsNotTheFileLocked() throws Exception {
		FaultyStrategy replacing = new FaultyStrategy(LockFileStrategy.select(strategy()));
		replacing.replacementsAfterOpen.set(1);
		DefaultLockManager manager = Managers.build(builder(), replacing);
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(replacing.replacementsAfterOpen).as("the file was replaced after the open").hasValue(0);
			assertThat(foreignLocks().canLock(handle.path(), LockMode.SHARED))
				.as("another process locking the file the path names now")
				.isFalse();
		}
		assertThat(foreignLocks().canLock(this.directory.resolve("job.lock"), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void anotherManagerOfTheJvmClosingItsFilesKeepsThisOnesLock() throws Exception {
		DefaultLockManager holding = manager();
		DefaultLockManager looking = manager();
		try (LockHandle handle = holding.acquire("job")) {
			// the endpoint's read-only look at the holder opens the file in the other manager
			assertThat(looking.holders("job")).isPresent();
			looking.close();
			assertThat(foreignLocks().canLock(handle.path(), LockMode.SHARED)).isFalse();
			assertThat(looking.tryAcquire("job", LockMode.SHARED)).as("held by the other manager").isEmpty();
		}
		assertThat(foreignLocks().canLock(this.directory.resolve("job.lock"), LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void aFileReachedThroughASymlinkedDirectoryAndItsRealPathIsOneLock() throws Exception {
		Path real = Files.createDirectory(this.directory.resolve("real"));
		Path alias = Files.createSymbolicLink(this.directory.resolve("alias"), real);
		Path file = real.resolve("job.lock");
		DefaultLockManager manager = (DefaultLockManager) builder().directory(alias)
			.lock("backup", (policy) -> policy.withPath(file))
			.build();
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(manager.holders("backup")).isPresent();
			manager.close();
			assertThat(foreignLocks().canLock(file, LockMode.SHARED)).isFalse();
			assertThat(runInThread(() -> manager.tryAcquire("backup", LockMode.EXCLUSIVE))).as("the same file")
				.isEmpty();
		}
		assertThat(foreignLocks().canLock(file, LockMode.EXCLUSIVE)).isTrue();
	}

	@Test
	void aFailedUnlockStillFreesTheLock() throws Exception {
		FaultyStrategy failing = new FaultyStrategy(LockFileStrategy.select(strategy()));
		DefaultLockManager manager = Managers.build(builder(), failing);
		LockHandle handle = manager.acquire("job");
		failing.unlockFailures.set(1);
		handle.close();
		assertThat(failing.unlockFailures).as("the unlock failed").hasValue(0);
		assertThat(foreignLocks().canLock(handle.path(), LockMode.EXCLUSIVE)).isTrue();
		assertThat(manager.activeCount()).isZero();
		try (LockHandle again = manager.acquire("job", LockMode.EXCLUSIVE, Duration.ZERO)) {
			assertThat(foreignLocks().canLock(again.path(), LockMode.SHARED)).isFalse();
		}
	}

	@Test
	void anOpenThatHangsKeepsNoOtherThreadPastItsTimeout() throws Exception {
		FaultyStrategy hanging = new FaultyStrategy(LockFileStrategy.select(strategy()));
		DefaultLockManager manager = Managers.build(builder(), hanging);
		CountDownLatch serverBack = new CountDownLatch(1);
		hanging.openHangsUntil = serverBack;
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<LockHandle> stuck = threads.submit(() -> manager.acquire("job", LockMode.EXCLUSIVE,
					Duration.ofSeconds(60)));
			assertThat(hanging.openHanging.await(30, TimeUnit.SECONDS)).isTrue();
			Future<Throwable> other = threads
				.submit(() -> catchThrowable(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(200))));
			// a thread stuck in open(2), as on a dead NFS server, must not hold the others up
			assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("'job'");
			hanging.openHangsUntil = null;
			serverBack.countDown();
			stuck.get(30, TimeUnit.SECONDS).close();
		}
		finally {
			serverBack.countDown();
			threads.shutdownNow();
		}
	}

	// ---- errors are not timeouts ----

	@Test
	void lockDirectoryThatIsARegularFileIsAnError() throws Exception {
		Path notADirectory = Files.writeString(this.directory.resolve("plain"), "x");
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(notADirectory).strategy(strategy()).build();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(notADirectory.toString())
			.withMessageMatching("(?is).*not a directory.*");
		assertThatExceptionOfType(LockException.class)
			.isThrownBy(() -> manager.tryAcquire("job", LockMode.EXCLUSIVE))
			.isNotInstanceOf(LockTimeoutException.class);
		assertThat(registeredEntries(manager)).isZero();
		assertThat(manager.pendingCount()).isZero();
	}

	@Test
	void lockFileThatIsADirectoryIsAnError() throws Exception {
		Path file = Files.createDirectory(this.directory.resolve("job.lock"));
		DefaultLockManager manager = manager();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(file.toString())
			.withMessageMatching("(?is).*is a directory.*");
		assertThat(registeredEntries(manager)).isZero();
	}

	@Test
	void lockFileThatIsASymbolicLinkIsNeverFollowed() throws Exception {
		Path target = Files.writeString(this.directory.resolve("precious.txt"), "precious");
		Path link = Files.createSymbolicLink(this.directory.resolve("job.lock"), target);
		Path dangling = Files.createSymbolicLink(this.directory.resolve("other.lock"),
				this.directory.resolve("created-through-link.txt"));
		DefaultLockManager manager = manager();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(link.toString())
			.withMessageMatching("(?is).*symbolic link.*");
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("other"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(dangling.toString());
		assertThat(Files.readString(target)).isEqualTo("precious");
		assertThat(this.directory.resolve("created-through-link.txt")).doesNotExist();
		assertThat(foreignLocks().canLock(target, LockMode.EXCLUSIVE)).isTrue();
		assertThat(registeredEntries(manager)).isZero();
	}

	@Test
	void readOnlyFileSystemIsAnError() throws Exception {
		Path mountPoint = Files.createDirectory(this.directory.resolve("read-only"));
		try (Mount mount = Mount.readOnlyTmpfs(mountPoint)) {
			DefaultLockManager inMountPoint = (DefaultLockManager) LockManager.builder().directory(mountPoint).strategy(strategy()).build();
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> inMountPoint.acquire("job"))
				.isNotInstanceOf(LockTimeoutException.class)
				.withMessageContaining(mountPoint.resolve("job.lock").toString())
				.withMessageMatching("(?is).*read-only file system.*");
			Path below = mountPoint.resolve("locks");
			DefaultLockManager belowMountPoint = (DefaultLockManager) LockManager.builder().directory(below).strategy(strategy()).build();
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> belowMountPoint.acquire("job"))
				.isNotInstanceOf(LockTimeoutException.class)
				.withMessageContaining(below.toString())
				.withMessageMatching("(?is).*read-only file system.*");
			assertThat(registeredEntries(inMountPoint)).isZero();
			assertThat(registeredEntries(belowMountPoint)).isZero();
		}
	}

	@Test
	void explicitPathInAMissingDirectoryIsAnError() {
		Path missing = this.directory.resolve("missing").resolve("job.lock");
		DefaultLockManager manager = (DefaultLockManager) builder().lock("job", (policy) -> policy.withPath(missing)).build();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining(missing.toString())
			.withMessageMatching("(?is).*no such file or directory.*");
		assertThat(missing.getParent()).doesNotExist();
	}

	@Test
	void lockDirectoryDeletedWhileRunningIsCreatedAgain() throws Exception {
		Path locks = this.directory.resolve("nested").resolve("locks");
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(locks).strategy(strategy()).build();
		manager.acquire("job").close();
		deleteRecursively(this.directory.resolve("nested"));
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(handle.path()).isEqualTo(locks.resolve("job.lock")).exists();
		}
	}

	// ---- resources ----

	@Test
	void manyCyclesOverManyNamesLeakNoDescriptorsAndNoEntries() throws Exception {
		DefaultLockManager manager = manager();
		manager.acquire("warm-up").close();
		long baseline = openDescriptors();
		int names = 10_000;
		for (int i = 0; i < 100_000; i++) {
			String name = "n" + (i % names);
			// every fourth EXCLUSIVE, so that owner records are written and cleared too
			try (LockHandle handle = manager.acquire(name, (i % 4 == 0) ? LockMode.EXCLUSIVE : LockMode.SHARED,
					Duration.ZERO)) {
				// held and released
			}
		}
		assertThat(openDescriptors()).isLessThanOrEqualTo(baseline + 5 * descriptorsPerLockFile());
		assertThat(registeredEntries(manager)).isZero();
		assertThat(manager.activeCount()).isZero();
		try (Stream<Path> files = Files.list(this.directory)) {
			// the lock files, and the folder where this JVM says it is a lock manager
			assertThat(files.filter((file) -> !file.endsWith(ManagerRegistry.DIRECTORY)).count())
				.isEqualTo(names + 1);
		}
	}

	@Test
	void failedAcquisitionsLeakNoDescriptorsAndNoEntries() throws Exception {
		DefaultLockManager manager = manager();
		Files.createDirectory(this.directory.resolve("directory.lock"));
		Files.createSymbolicLink(this.directory.resolve("link.lock"), this.directory.resolve("target"));
		Path busy = Files.createFile(this.directory.resolve("busy.lock"));
		try (ForeignLocks.Hold hold = foreignLocks().hold(busy)) {
			long baseline = openDescriptors();
			for (int i = 0; i < 200; i++) {
				assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("directory"));
				assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("link"));
				assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> manager.acquire("busy", LockMode.EXCLUSIVE, Duration.ZERO));
				assertThat(manager.tryAcquire("busy", LockMode.SHARED)).isEmpty();
			}
			assertThat(openDescriptors()).isLessThanOrEqualTo(baseline + 5 * descriptorsPerLockFile());
			assertThat(registeredEntries(manager)).isZero();
			assertThat(manager.pendingCount()).isZero();
			assertThat(manager.activeCount()).isZero();
		}
	}

	// ---- helpers ----

	static long openDescriptors() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

	static void deleteRecursively(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
