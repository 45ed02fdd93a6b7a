package io.filelock.engine.file;

import io.filelock.engine.HostName;
import io.filelock.spi.LockHolders;
import io.filelock.engine.DefaultLockManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Whatever a lock file holds, it never keeps anyone from a free lock, and while the lock
 * is busy the timeout message describes it truthfully and briefly: a record from another
 * host, a stale one, garbage, a megabyte, control characters.
 */
@Timeout(60)
class OwnerRecordFaultTests {

	/** Longest acceptable timeout message, whatever the record holds. */
	private static final int MESSAGE_LIMIT = 1_000;

	@TempDir
	Path directory;

	static Stream<Arguments> records() throws Exception {
		byte[] garbage = new byte[300];
		new Random(42).nextBytes(garbage);
		byte[] megabyte = new byte[1024 * 1024];
		Arrays.fill(megabyte, (byte) 'x');
		String record = "pid=4242 host=\"build-07.example\" thread=\"main\" acquired=2026-01-01T00:00:00Z app=\"billing\"\n";
		return Stream.of(
				Arguments.of("another host", bytes(record),
						"held by pid 4242 on host \"build-07.example\", thread \"main\", since 2026-01-01T00:00:00Z, "
								+ "app \"billing\" (another host"),
				Arguments.of("a dead pid on this host", bytes(record.replace("4242", Long.toString(deadPid()))
					.replace("build-07.example", HostName.local())), "stale owner record (pid " + deadPid()),
				Arguments.of("empty", new byte[0], "no owner record"),
				Arguments.of("binary garbage", garbage, "unreadable owner record '"),
				Arguments.of("one megabyte", megabyte, "unreadable owner record '" + "x".repeat(80) + "…'"),
				Arguments.of("a record followed by a megabyte", concat(bytes(record), megabyte),
						"unreadable owner record 'pid=4242"),
				Arguments.of("negative pid", bytes(record.replace("4242", "-1")), "unreadable owner record"),
				Arguments.of("no time", bytes(record.replace("acquired=2026-01-01T00:00:00Z", "")),
						"unreadable owner record"),
				Arguments.of("terminal escape", bytes("\u001b[2J\u001b[31mpwned\n"),
						"unreadable owner record '\\u001b[2J\\u001b[31mpwned\\u000a'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("records")
	void recordNeverBlocksAndIsDescribedBriefly(String description, byte[] content, String expected)
			throws Exception {
		DefaultLockManager manager = manager();
		Path file = Files.write(Files.createDirectories(this.directory).resolve("job.lock"), content);
		try (ForeignFlock foreign = ForeignFlock.hold(file)) {
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> manager.acquire("job", LockMode.EXCLUSIVE, Duration.ofMillis(30)))
				.withMessageContaining(expected)
				.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(MESSAGE_LIMIT));
			assertThat(manager.tryAcquire("job", LockMode.EXCLUSIVE)).isEmpty();
			assertThat(Files.readAllBytes(file)).as("a waiter never touches the record").isEqualTo(content);
		}
		Optional<LockHandle> handle = manager.tryAcquire("job", LockMode.EXCLUSIVE);
		assertThat(handle).as("free again, whatever the file says").isPresent();
		try (LockHandle held = handle.get()) {
			assertThat(Files.readString(held.path())).startsWith("pid=" + ProcessHandle.current().pid() + " ")
				.hasLineCount(1);
		}
	}

	@Test
	void holderThreadNameCannotForgeTheRecord() throws Exception {
		DefaultLockManager manager = manager();
		ExecutorService holder = Executors.newSingleThreadExecutor((task) -> new Thread(task,
				"evil\" host=\"elsewhere\"\npid=1"));
		try {
			LockHandle handle = holder.submit(() -> manager.acquire("job")).get(30, TimeUnit.SECONDS);
			assertThat(manager(this.directory).holders("job")).hasValueSatisfying((info) -> {
				assertThat(info.recordState()).isEqualTo(LockHolders.RecordState.CURRENT);
				assertThat(info.owner().host()).isEqualTo(HostName.local());
				assertThat(info.owner().pid()).isEqualTo(ProcessHandle.current().pid());
				assertThat(info.owner().thread()).isEqualTo("evil\" host=\"elsewhere\" pid=1");
			});
			handle.close();
		}
		finally {
			holder.shutdownNow();
		}
	}

	@Test
	void aRecordIsReadableAgainAfterAnotherProgramAppendedToTheFile() throws Exception {
		DefaultLockManager manager = manager();
		Path file = manager.resource("job").file();
		manager.acquire("job").close();
		// the file stays open in the manager's idle cache meanwhile
		Files.writeString(file, "appended by a script\n", StandardOpenOption.APPEND);
		try (LockHandle handle = manager.acquire("job")) {
			assertThat(Files.readString(file)).startsWith("pid=" + ProcessHandle.current().pid() + " ")
				.hasLineCount(1);
			assertThat(manager(this.directory).holders("job")).hasValueSatisfying(
					(info) -> assertThat(info.recordState()).isEqualTo(LockHolders.RecordState.CURRENT));
		}
	}

	private DefaultLockManager manager() {
		return manager(this.directory);
	}

	private static DefaultLockManager manager(Path directory) {
		return (DefaultLockManager) LockManager.builder().directory(directory).strategy(LockStrategy.FLOCK).build();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static long deadPid;

	/** The pid of a process that has exited (and been reaped). */
	private static synchronized long deadPid() throws IOException, InterruptedException {
		if (deadPid == 0) {
			Process process = new ProcessBuilder("true").start();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			deadPid = process.pid();
		}
		return deadPid;
	}

	/**
	 * A flock(2) on its own descriptor that writes nothing: a holder that leaves the file's
	 * content alone.
	 */
	private record ForeignFlock(int fd) implements AutoCloseable {

		static ForeignFlock hold(Path file) throws ErrnoException {
			int fd = LibC.POSIX.open(file.toString(), LibC.O_RDWR | LibC.O_CLOEXEC, 0644);
			int errno = LibC.POSIX.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB);
			if (errno != 0) {
				throw new IllegalStateException("flock " + file + ": " + LibC.describe(errno));
			}
			return new ForeignFlock(fd);
		}

		@Override
		public void close() throws ErrnoException {
			LibC.POSIX.close(this.fd);
		}

	}

}
