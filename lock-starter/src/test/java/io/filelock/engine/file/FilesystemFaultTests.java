package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.DefaultLockManager;
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected while the manager runs, beyond the contract tests' static ones: the
 * directory or the lock file swapped under a thread that keeps the lock's entry open, a
 * file system remounted read-only, and a full file system. Each ends in a clear
 * {@link LockException} (or, for a full file system, in a lock held without its owner
 * record), and the next acquisition after repair succeeds.
 */
@Timeout(60)
class FilesystemFaultTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path root;

	private final List<DefaultLockManager> managers = new ArrayList<>();

	private final ExecutorService holder = Executors.newSingleThreadExecutor();

	private final ExecutorService waiter = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopThreads() {
		this.holder.shutdownNow();
		this.waiter.shutdownNow();
	}

	@Test
	void lockDirectoryDeletedUnderAHeldLockIsNotLockedTwice() throws Exception {
		Path locks = this.root.resolve("locks");
		DefaultLockManager manager = manager(locks);
		Future<LockHandle> waiter = holdThenRelease(manager, () -> deleteRecursively(locks));
		try (LockHandle handle = waiter.get(30, TimeUnit.SECONDS)) {
			assertThat(handle.path()).exists();
			// a second open file description stands for another process
			assertThat(manager(locks).tryAcquire("job", LockMode.EXCLUSIVE)).as("the lock at the path").isEmpty();
		}
		Optional<LockHandle> free = manager(locks).tryAcquire("job", LockMode.EXCLUSIVE);
		assertThat(free).isPresent();
		// released, so that the test thread holds nothing for later test classes (FileLockAssert)
		free.get().close();
	}

	@Test
	void lockFileReplacedByADirectoryUnderAWaiterIsAnErrorUntilRepaired() throws Exception {
		Path locks = this.root.resolve("locks");
		DefaultLockManager manager = manager(locks);
		Path file = locks.resolve("job.lock");
		Future<LockHandle> waiter = holdThenRelease(manager, () -> {
			Files.delete(file);
			Files.createDirectory(file);
		});
		assertThat(failure(waiter)).isInstanceOf(LockException.class)
			.isNotInstanceOf(LockTimeoutException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("directory");
		Files.delete(file);
		manager.acquire("job").close();
		assertThat(manager.snapshot()).isEmpty();
	}

	@Test
	void lockFileReplacedByASymbolicLinkUnderAWaiterIsNeverWrittenThrough() throws Exception {
		Path locks = this.root.resolve("locks");
		Path target = Files.writeString(this.root.resolve("precious.txt"), "precious");
		DefaultLockManager manager = manager(locks);
		Path file = locks.resolve("job.lock");
		Future<LockHandle> waiter = holdThenRelease(manager, () -> {
			Files.delete(file);
			Files.createSymbolicLink(file, target);
		});
		assertThat(failure(waiter)).isInstanceOf(LockException.class)
			.isNotInstanceOf(LockTimeoutException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("symbolic link");
		assertThat(Files.readString(target)).isEqualTo("precious");
		assertThat(FlockProcess.canLock(target, LockMode.EXCLUSIVE)).as("target left unlocked").isTrue();
		Files.delete(file);
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(Files.isSymbolicLink(handle.path())).isFalse();
		}
		assertThat(Files.readString(target)).isEqualTo("precious");
	}

	@Test
	void fileSystemRemountedReadOnlyIsAnErrorUntilRemountedWritable() throws Exception {
		Path locks = Files.createDirectories(this.root.resolve("locks"));
		Mount mount = Mount.bind(locks);
		try {
			DefaultLockManager manager = manager(locks);
			manager.acquire("job").close();
			// An idle lock file kept open for writing would keep the file system from going read-only.
			manager.close();
			mount.remountReadOnly();
			for (String name : new String[] { "job", "new" }) {
				assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire(name))
					.isNotInstanceOf(LockTimeoutException.class)
					.withMessageContaining(locks.resolve(name + ".lock").toString())
					.withMessageMatching("(?is).*read-only file system.*");
			}
			mount.remountWritable();
			manager.acquire("job").close();
			manager.acquire("new").close();
			assertThat(manager.snapshot()).isEmpty();
		}
		finally {
			unmount(mount);
		}
	}

	@Test
	void fullFileSystemStillLocksWithoutAnOwnerRecord() throws Exception {
		Path locks = Files.createDirectories(this.root.resolve("full"));
		Mount mount = Mount.tmpfs(locks, "size=64k,nr_inodes=64");
		try {
			DefaultLockManager manager = manager(locks);
			Path filler = locks.resolve("filler");
			fill(filler);
			try (LockHandle handle = manager.acquire("job")) {
				assertThat(Files.size(handle.path())).as("owner record could not be written").isZero();
				assertThat(manager(locks).tryAcquire("job", LockMode.EXCLUSIVE)).as("still exclusive").isEmpty();
				assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> manager(locks).acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(50)))
					.withMessageContaining("no owner record");
			}
			Files.delete(filler);
			try (LockHandle handle = manager.acquire("job")) {
				assertThat(Files.readString(handle.path())).startsWith("pid=" + ProcessHandle.current().pid() + " ");
			}
		}
		finally {
			unmount(mount);
		}
	}

	@Test
	void fileSystemOutOfInodesIsAnErrorUntilOneIsFreed() throws Exception {
		Path locks = Files.createDirectories(this.root.resolve("no-inodes"));
		Mount mount = Mount.tmpfs(locks, "size=1m,nr_inodes=16");
		try {
			DefaultLockManager manager = manager(locks);
			Path last = null;
			for (int i = 0; i < 100; i++) {
				try {
					last = Files.createFile(locks.resolve("filler-" + i));
				}
				catch (FileSystemException ex) {
					break;
				}
			}
			assertThat(last).isNotNull();
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("job"))
				.isNotInstanceOf(LockTimeoutException.class)
				.withMessageContaining(locks.resolve("job.lock").toString())
				.withMessageMatching("(?is).*no space left on device.*");
			assertThat(manager.snapshot()).isEmpty();
			Files.delete(last);
			manager.acquire("job").close();
		}
		finally {
			unmount(mount);
		}
	}

	/**
	 * One thread holds {@code job}, a second one waits for it (keeping the lock's entry and
	 * file open), the fault is injected, then the first releases.
	 * @return the second thread's acquisition
	 */
	private Future<LockHandle> holdThenRelease(DefaultLockManager manager, Fault fault) throws Exception {
		LockHandle first = this.holder.submit(() -> manager.acquire("job")).get(30, TimeUnit.SECONDS);
		Future<LockHandle> second = this.waiter.submit(() -> manager.acquire("job", LockMode.EXCLUSIVE, PATIENCE));
		await().atMost(PATIENCE)
			.until(() -> manager.snapshot().stream().mapToInt((lock) -> lock.waiting().size()).sum() == 1);
		fault.inject();
		this.holder.submit(first::close).get(30, TimeUnit.SECONDS);
		return second;
	}

	private static Throwable failure(Future<LockHandle> acquisition) throws Exception {
		try {
			LockHandle handle = acquisition.get(30, TimeUnit.SECONDS);
			handle.close();
			throw new AssertionError("acquired " + handle.path() + " in spite of the fault");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return ex.getCause();
		}
	}

	private DefaultLockManager manager(Path locks) {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(locks).strategy(LockStrategy.FLOCK).build();
		this.managers.add(manager);
		return manager;
	}

	/**
	 * Unmounts after closing the lock files the managers keep open for reuse (an open
	 * file keeps its file system busy).
	 */
	private void unmount(Mount mount) throws Exception {
		this.managers.forEach(DefaultLockManager::close);
		mount.close();
	}

	private static void fill(Path filler) throws IOException {
		byte[] block = new byte[4096];
		try (var out = Files.newOutputStream(filler)) {
			while (true) {
				out.write(block);
				out.flush();
			}
		}
		catch (IOException ex) {
			assertThat(ex.getMessage()).contains("No space left on device");
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	@FunctionalInterface
	private interface Fault {

		void inject() throws IOException;

	}

}
