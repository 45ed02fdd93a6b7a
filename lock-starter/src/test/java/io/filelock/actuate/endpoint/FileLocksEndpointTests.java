package io.filelock.actuate.endpoint;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.Backoff;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.actuate.endpoint.FileLockDescriptors.FileLocksDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.HolderDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDetailsDescriptor;
import io.filelock.engine.DefaultLockManager;
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.KernelLocks;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileLocksEndpointTests {

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	@Test
	void backendSaysWhereLocksAreHeldAndHowFarTheyReach() throws Exception {
		try (Mount mount = Mount.tmpfs(this.directory.resolve("run"), "size=1m")) {
			Path locks = mount.path().resolve("locks");
			DefaultLockManager manager = (DefaultLockManager) LockManager.builder()
				.directory(locks)
				.strategy(LockStrategy.FCNTL)
				.build();
			try {
				FileLocksDescriptor descriptor = new FileLocksEndpoint(manager).locks();
				assertThat(descriptor.backend().location()).isEqualTo(locks.toString());
				assertThat(descriptor.backend().details()).containsEntry("strategy", "FCNTL")
					.containsEntry("filesystem", "tmpfs")
					.containsEntry("mountPoint", mount.path().toString())
					.containsEntry("scope", "host");
			}
			finally {
				manager.close();
			}
		}
	}

	@Test
	void listsHeldWaitingAndConfiguredLocks() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder()
			.directory(this.directory)
			.lock("nightly", (policy) -> policy.withTimeout(Duration.ofMinutes(5))
				.withBackoff(Backoff.DEFAULT.withMaxDelay(Duration.ofSeconds(1))))
			.build();
		FileLocksEndpoint endpoint = new FileLocksEndpoint(manager);
		try (FlockProcess flock = FlockProcess.hold(this.directory.resolve("import.lock"));
				LockHandle report = manager.acquire("report", LockMode.SHARED)) {
			Thread importer = new Thread(() -> {
				try {
					manager.acquire("import", LockMode.EXCLUSIVE, Duration.ofSeconds(30)).close();
				}
				catch (RuntimeException ex) {
					// interrupted at the end of the test
				}
			}, "importer");
			importer.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> manager.pendingCount() == 1);
			FileLocksDescriptor locks = endpoint.locks();
			assertThat(locks.directory()).isEqualTo(this.directory.toString());
			assertThat(locks.strategy()).isEqualTo(manager.backendStatus().details().get("strategy"));
			assertThat(locks.active()).isEqualTo(1);
			assertThat(locks.pending()).isEqualTo(1);
			assertThat(locks.locks()).extracting(LockDescriptor::name).containsExactly("import", "nightly", "report");
			LockDescriptor importLock = locks.locks().get(0);
			assertThat(importLock.state()).isEqualTo("waiting");
			assertThat(importLock.waiting()).containsExactly("importer");
			assertThat(importLock.mode()).isNull();
			LockDescriptor nightly = locks.locks().get(1);
			assertThat(nightly.state()).isEqualTo("idle");
			assertThat(nightly.file()).isEqualTo(this.directory.resolve("nightly.lock").toString());
			assertThat(nightly.timeout()).isEqualTo("PT5M");
			assertThat(nightly.backoff().maxDelay()).isEqualTo("PT1S");
			assertThat(nightly.backoff().multiplier()).isEqualTo(2.0);
			LockDescriptor reportLock = locks.locks().get(2);
			assertThat(reportLock.state()).isEqualTo("held");
			assertThat(reportLock.mode()).isEqualTo("SHARED");
			assertThat(reportLock.holders()).singleElement().satisfies((holder) -> {
				assertThat(holder.thread()).isEqualTo(Thread.currentThread().getName());
				assertThat(holder.mode()).isEqualTo("SHARED");
				assertThat(holder.holdCount()).isEqualTo(1);
				assertThat(holder.since()).isEqualTo(reportLock.heldSince());
			});
			assertThat(reportLock.timeout()).isEqualTo("PT10S");
			importer.interrupt();
			importer.join(10_000);
		}
	}

	@Test
	void detailSaysThisProcessHoldsTheLock() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		FileLocksEndpoint endpoint = new FileLocksEndpoint(manager);
		try (LockHandle handle = manager.acquire("report")) {
			LockDetailsDescriptor details = endpoint.lock("report");
			assertThat(details.lock().state()).isEqualTo("held");
			assertThat(details.lock().mode()).isEqualTo("EXCLUSIVE");
			HolderDescriptor holder = details.holder();
			assertThat(holder).isNotNull();
			assertThat(holder.recordState()).isEqualTo("CURRENT");
			assertThat(holder.owner()).isNotNull();
			assertThat(holder.owner().pid()).isEqualTo(PID);
			assertThat(holder.owner().thread()).isEqualTo(Thread.currentThread().getName());
			assertThat(holder.ownerAlive()).isTrue();
			if (KernelLocks.isReadable()) {
				assertThat(holder.kernelHolders()).singleElement().satisfies((kernel) -> {
					assertThat(kernel.pid()).isEqualTo(PID);
					assertThat(kernel.access()).isEqualTo("WRITE");
				});
			}
		}
	}

	@Test
	void detailSaysAnotherProgramHoldsTheLock() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		FileLocksEndpoint endpoint = new FileLocksEndpoint(manager);
		try (FlockProcess flock = FlockProcess.hold(this.directory.resolve("import.lock"))) {
			LockDetailsDescriptor details = endpoint.lock("import");
			assertThat(details.lock().state()).isEqualTo("idle");
			HolderDescriptor holder = details.holder();
			assertThat(holder).isNotNull();
			assertThat(holder.recordState()).isEqualTo("ABSENT");
			assertThat(holder.owner()).isNull();
			assertThat(holder.ownerAlive()).isNull();
			assertThat(holder.description()).contains("flock(1)");
			if (KernelLocks.isReadable()) {
				assertThat(holder.kernelHolders()).singleElement().satisfies((kernel) -> {
					assertThat(kernel.pid()).isEqualTo(flock.pid());
					assertThat(kernel.kind()).isEqualTo("FLOCK");
				});
			}
		}
	}

	@Test
	void detailSaysWhenTheOwnerRecordIsStale() throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		String record;
		try (LockHandle handle = manager.acquire("report")) {
			record = Files.readString(handle.path()).strip();
		}
		Process exited = new ProcessBuilder("true").start();
		assertThat(exited.waitFor()).isZero();
		Files.writeString(this.directory.resolve("report.lock"),
				record.replaceFirst("^pid=\\d+", "pid=" + exited.pid()) + "\n");
		HolderDescriptor holder = new FileLocksEndpoint(manager).lock("report").holder();
		assertThat(holder).isNotNull();
		assertThat(holder.recordState()).isEqualTo("STALE");
		assertThat(holder.owner().pid()).isEqualTo(exited.pid());
		assertThat(holder.ownerAlive()).isFalse();
	}

	@Test
	void detailOfAnUnknownLockWithoutFileHasNoHolder() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		LockDetailsDescriptor details = new FileLocksEndpoint(manager).lock("nobody");
		assertThat(details.lock().state()).isEqualTo("idle");
		assertThat(details.lock().file()).isEqualTo(this.directory.resolve("nobody.lock").toString());
		assertThat(details.holder()).isNull();
		assertThat(this.directory.resolve("nobody.lock")).doesNotExist();
	}

	@Test
	void invalidNameIsRejected() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> new FileLocksEndpoint(manager).lock(" "))
			.withMessageContaining("Invalid lock name ' '");
	}

	/**
	 * While the endpoint is read in a loop, {@code flock -n} in another process never
	 * finds the file busy, and {@code /proc/locks} never lists this process on it.
	 */
	@ParameterizedTest
	@EnumSource(value = LockStrategy.class, names = { "FLOCK", "FCNTL" })
	void readingNeverTakesTheLock(LockStrategy strategy) throws Exception {
		FlockProcess.assumeInstalled();
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).strategy(strategy).build();
		manager.acquire("report").close();
		Path file = this.directory.resolve("report.lock");
		FileLocksEndpoint endpoint = new FileLocksEndpoint(manager);
		AtomicBoolean probing = new AtomicBoolean(true);
		AtomicInteger ourLocksSeen = new AtomicInteger();
		Thread procLocksWatcher = new Thread(() -> {
			while (probing.get()) {
				if (KernelLocks.holders(file).contains(PID)) {
					ourLocksSeen.incrementAndGet();
				}
			}
		});
		procLocksWatcher.start();
		Process attempts = new ProcessBuilder("sh", "-c",
				"echo started; i=0; while [ $i -lt 100 ]; do flock -n \"$1\" true || echo busy; i=$((i+1)); done; "
						+ "echo done",
				"sh", file.toString())
			.redirectErrorStream(true)
			.start();
		int reads = 0;
		try (BufferedReader output = attempts.inputReader(StandardCharsets.UTF_8)) {
			assertThat(output.readLine()).isEqualTo("started");
			while (attempts.isAlive()) {
				assertThat(endpoint.lock("report").holder()).isNotNull();
				endpoint.locks();
				reads++;
			}
			assertThat(attempts.waitFor()).isZero();
			assertThat(output.lines().toList()).containsExactly("done");
		}
		finally {
			attempts.destroyForcibly();
			probing.set(false);
			procLocksWatcher.join(10_000);
		}
		assertThat(reads).isGreaterThan(10);
		assertThat(ourLocksSeen).hasValue(0);
	}

}
