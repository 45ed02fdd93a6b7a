package io.filelock.engine.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.DefaultLockManager;
import io.filelock.engine.HostName;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockHolders.State;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Who holds a lock, as the timeout message, the wait log line and the endpoint say it, in
 * every state, with real holders: this process, another lock manager (at the lock
 * directory or at an explicit path, with its record intact or emptied by another
 * program), another program, nobody (never locked, released, crashed), and where it
 * cannot be told.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class HolderReportTests {

	private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	private DefaultLockManager manager() {
		return Managers.build(LockManager.builder().directory(this.directory).strategy(LockStrategy.FLOCK));
	}

	@Test
	void heldByThisProcessNamesItsThreads() throws Exception {
		DefaultLockManager manager = manager();
		ExecutorService holder = Executors.newSingleThreadExecutor((task) -> new Thread(task, "nightly-job"));
		try {
			LockHandle held = holder.submit(() -> manager.acquire("job")).get(30, TimeUnit.SECONDS);
			assertThat(manager.holders("job")).hasValueSatisfying((holders) -> {
				assertThat(holders.state()).isEqualTo(State.HELD_BY_THIS_PROCESS);
				assertThat(holders.description()).startsWith("held EXCLUSIVE by thread(s) [nightly-job] of this "
						+ "process; held by pid " + PID + " on host \"" + HostName.local() + "\", thread \"nightly-job\"");
			});
			holder.submit(held::close).get(30, TimeUnit.SECONDS);
		}
		finally {
			holder.shutdownNow();
		}
	}

	@Test
	void heldByAnotherLockManagerNamesItsProcessThreadAndApplication() throws Exception {
		DefaultLockManager manager = manager();
		try (ChildJvm child = ChildJvm.start(LockTestProcess.class, "hold", this.directory.toString(), "job", "FLOCK")) {
			child.expect("locked", CHILD_TIMEOUT);
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(50)))
				.withMessageEndingWith("held by pid " + child.pid() + " on host \"" + HostName.local()
						+ "\", thread \"main\", since " + ownerSince(manager) + ", app \"lock-test-holder\"; "
						+ "/proc/locks lists pid " + child.pid() + " (java) FLOCK WRITE");
			assertThat(manager.holders("job")).hasValueSatisfying((holders) -> {
				assertThat(holders.state()).isEqualTo(State.HELD_BY_LOCK_MANAGER);
				assertThat(holders.ownerAlive()).isTrue();
			});
		}
	}

	@Test
	void aLockManagerHoldingAnExplicitPathIsKnownByItsSidecarRecord() throws Exception {
		Path explicit = Files.createDirectory(this.directory.resolve("elsewhere")).resolve("backup.lock");
		Path locks = this.directory.resolve("locks");
		DefaultLockManager manager = Managers.build(LockManager.builder()
			.directory(locks)
			.strategy(LockStrategy.FLOCK)
			.lock("backup", (policy) -> policy.withPath(explicit)));
		try (ChildJvm child = ChildJvm.start(LockTestProcess.class, "hold", locks.toString(), "backup", "FLOCK", explicit.toString())) {
			child.expect("locked", CHILD_TIMEOUT);
			assertThat(Files.size(explicit)).as("an explicit lock file is never written").isZero();
			assertThat(manager.holders("backup")).hasValueSatisfying((holders) -> {
				assertThat(holders.state()).isEqualTo(State.HELD_BY_LOCK_MANAGER);
				assertThat(holders.description()).startsWith("held by pid " + child.pid() + " on host \""
						+ HostName.local() + "\", thread \"main\", since ")
					.contains("app \"lock-test-holder\"");
			});
		}
	}

	@Test
	void aLockManagerWhoseRecordAnotherProgramEmptiedIsStillKnownAsOne() throws Exception {
		Python python = Python.with("filelock");
		DefaultLockManager manager = manager();
		Path file = this.directory.resolve("job.lock");
		try (ChildJvm child = ChildJvm.start(LockTestProcess.class, "hold", this.directory.toString(), "job", "FLOCK")) {
			child.expect("locked", CHILD_TIMEOUT);
			// py-filelock opens the file with O_TRUNC before it tries the lock, which it cannot get
			assertThat(python.run("import filelock, sys\n" + "try:\n"
					+ "    filelock.FileLock(sys.argv[1], timeout=0.1).acquire()\n" + "    print('acquired')\n"
					+ "except filelock.Timeout:\n" + "    print('busy')\n", file.toString())).isEqualTo("busy\n");
			assertThat(Files.size(file)).as("record emptied").isZero();
			assertThat(manager.holders("job")).hasValueSatisfying((holders) -> {
				assertThat(holders.state()).isEqualTo(State.HELD_BY_LOCK_MANAGER);
				assertThat(holders.description()).isEqualTo("held exclusively by pid " + child.pid()
						+ ", a lock manager on host \"" + HostName.local() + "\", app \"lock-test-holder\" (no owner "
						+ "record: another program emptied or replaced it, so its thread and since are unknown); "
						+ "/proc/locks lists pid " + child.pid() + " (java) FLOCK WRITE");
			});
		}
	}

	@Test
	void heldByAnotherProgramNamesItsProcessAndCommand() throws Exception {
		DefaultLockManager manager = manager();
		try (FlockProcess flock = FlockProcess.hold(this.directory.resolve("job.lock"))) {
			assertThat(manager.holders("job")).hasValueSatisfying((holders) -> {
				assertThat(holders.state()).isEqualTo(State.HELD_BY_OTHER_PROGRAM);
				assertThat(holders.description()).isEqualTo("held by another program (no owner record: not a "
						+ "file-lock manager, for example flock(1), or one holding it shared); /proc/locks lists pid "
						+ flock.pid() + " (flock) FLOCK WRITE");
			});
		}
	}

	@Test
	void notHeldWhenNeverLocked() throws Exception {
		Files.createFile(this.directory.resolve("job.lock"));
		assertThat(manager().holders("job")).hasValueSatisfying((holders) -> {
			assertThat(holders.state()).isEqualTo(State.NOT_HELD);
			assertThat(holders.description()).isEqualTo("not held now (no owner record)");
		});
	}

	@Test
	void notHeldAfterItsHolderCrashedSaysWhoHeldItLast() throws Exception {
		DefaultLockManager manager = manager();
		long crashed;
		try (ChildJvm child = ChildJvm.start(LockTestProcess.class, "hold", this.directory.toString(), "job", "FLOCK")) {
			child.expect("locked", CHILD_TIMEOUT);
			crashed = child.pid();
			child.kill9();
		}
		assertThat(manager.holders("job")).hasValueSatisfying((holders) -> {
			assertThat(holders.state()).isEqualTo(State.NOT_HELD);
			assertThat(holders.recordState()).isEqualTo(LockHolders.RecordState.STALE);
			assertThat(holders.description()).startsWith("not held now (stale owner record (pid " + crashed
					+ " is not alive on this host: pid " + crashed + " on host");
		});
	}

	@Test
	void whereTheKernelCannotBeAskedTheRecordIsQuotedAsSuch() throws Exception {
		ManagerRegistry registry = new ManagerRegistry(this.directory, PID, HostName.local(), null,
				new LockDirectories(LockManagerBuilder.DEFAULT_DIRECTORY_PERMISSIONS));
		byte[] record = OwnerRecordWriter.format(PID, HostName.local(), "main", "billing", "2026-01-01T00:00:00Z");
		LockHolders holders = new Holders(HostName.local(), registry, false).of(this.directory.resolve("x.lock"),
				record);
		assertThat(holders.state()).isEqualTo(State.UNKNOWN);
		assertThat(holders.description()).isEqualTo("owner record of pid " + PID + " on host \"" + HostName.local()
				+ "\", thread \"main\", since 2026-01-01T00:00:00Z, app \"billing\" (whether it holds the lock now "
				+ "cannot be told: /proc/locks is not readable here)");
	}

	/**
	 * The time in the owner record the child wrote.
	 */
	private static String ownerSince(DefaultLockManager manager) {
		return manager.holders("job").orElseThrow().owner().acquiredAt().toString();
	}

}
