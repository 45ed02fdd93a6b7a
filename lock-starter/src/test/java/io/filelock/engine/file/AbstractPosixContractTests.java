package io.filelock.engine.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.filelock.LockMode;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every binding of the C library ({@link Posix}) must do, checked against the file
 * system, the JDK's own view of it and {@code flock(1)} in another process.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractPosixContractTests {

	private static final int EBADF = 9;

	private static final int OPEN_FLAGS = LibC.O_RDWR | LibC.O_CREAT | LibC.O_NOFOLLOW | LibC.O_CLOEXEC;

	@TempDir
	Path directory;

	/**
	 * The binding under test; skips the test where it cannot be made.
	 */
	abstract Posix posix();

	@Test
	void flockOnAnOpenedFileExcludesAnotherProcess() throws Exception {
		FlockProcess.assumeInstalled();
		Posix posix = posix();
		Path file = this.directory.resolve("a.lock");
		int fd = posix.open(file.toString(), OPEN_FLAGS, 0644);
		try {
			assertThat(Files.isRegularFile(file)).isTrue();
			assertThat(posix.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB)).isZero();
			assertThat(FlockProcess.canLock(file, LockMode.SHARED)).isFalse();
			assertThat(posix.flock(fd, LibC.LOCK_UN)).isZero();
			assertThat(FlockProcess.canLock(file, LockMode.EXCLUSIVE)).isTrue();
		}
		finally {
			posix.close(fd);
		}
	}

	@Test
	void flockReportsABusyLockAsEwouldblock() throws Exception {
		FlockProcess.assumeInstalled();
		Posix posix = posix();
		Path file = this.directory.resolve("busy.lock");
		int fd = posix.open(file.toString(), OPEN_FLAGS, 0644);
		try (FlockProcess holder = FlockProcess.hold(file)) {
			assertThat(posix.flock(fd, LibC.LOCK_SH | LibC.LOCK_NB)).isEqualTo(LibC.EWOULDBLOCK);
		}
		finally {
			posix.close(fd);
		}
	}

	@Test
	void openReportsTheErrnoOfAMissingDirectoryAndOfASymbolicLink() throws Exception {
		Posix posix = posix();
		assertThatExceptionOfType(ErrnoException.class)
			.isThrownBy(() -> posix.open(this.directory.resolve("missing/a.lock").toString(), OPEN_FLAGS, 0644))
			.satisfies((ex) -> assertThat(ex.errno()).isEqualTo(LibC.ENOENT))
			.withMessage("ENOENT (no such file or directory)");
		Path link = Files.createSymbolicLink(this.directory.resolve("link.lock"), this.directory.resolve("target"));
		assertThatExceptionOfType(ErrnoException.class)
			.isThrownBy(() -> posix.open(link.toString(), OPEN_FLAGS, 0644))
			.satisfies((ex) -> assertThat(ex.errno()).isEqualTo(LibC.ELOOP));
		assertThat(this.directory.resolve("target")).doesNotExist();
	}

	@Test
	void effectiveUidOwnsTheFilesThisProcessCreates() throws Exception {
		Path file = Files.createFile(this.directory.resolve("mine"));
		assertThat(posix().effectiveUid()).isEqualTo(Files.getAttribute(file, "unix:uid"));
	}

	@Test
	void statfsGivesTheMagicOfTheFileSystemAndTheErrnoOfAMissingPath() throws Exception {
		assumeTrue(OperatingSystem.LINUX, "statfs magics are Linux's");
		Posix posix = posix();
		// PROC_SUPER_MAGIC and TMPFS_MAGIC of linux/magic.h; f_type is a word, the magic its low half
		assertThat(posix.statfsFirstWord("/proc") & 0xFFFFFFFFL).isEqualTo(0x9fa0L);
		if (Files.getFileStore(Path.of("/dev/shm")).type().equals("tmpfs")) {
			assertThat(posix.statfsFirstWord("/dev/shm") & 0xFFFFFFFFL).isEqualTo(0x01021994L);
		}
		assertThatExceptionOfType(ErrnoException.class)
			.isThrownBy(() -> posix.statfsFirstWord(this.directory.resolve("missing").toString()))
			.satisfies((ex) -> assertThat(ex.errno()).isEqualTo(LibC.ENOENT));
	}

	@Test
	void closeReportsADescriptorThatIsNotOpen() throws Exception {
		Posix posix = posix();
		int fd = posix.open(this.directory.resolve("a.lock").toString(), OPEN_FLAGS, 0644);
		posix.close(fd);
		assertThatExceptionOfType(ErrnoException.class).isThrownBy(() -> posix.close(fd))
			.satisfies((ex) -> assertThat(ex.errno()).isEqualTo(EBADF));
	}

	@Test
	void pwriteAndPreadUseTheGivenBytesAndOffsetAndFtruncateCuts() throws Exception {
		Posix posix = posix();
		Path file = this.directory.resolve("data.lock");
		Files.writeString(file, "0123456789");
		int fd = posix.open(file.toString(), OPEN_FLAGS, 0644);
		try {
			byte[] record = "abcdefXXXX".getBytes(StandardCharsets.US_ASCII);
			assertThat(posix.pwrite(fd, record, 6, 2)).isEqualTo(6);
			assertThat(Files.readString(file)).isEqualTo("01abcdef89");
			byte[] read = new byte[16];
			assertThat(posix.pread(fd, read, 4, 3)).isEqualTo(4);
			assertThat(new String(read, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("bcde");
			assertThat(posix.pread(fd, read, 16, 0)).isEqualTo(10);
			posix.ftruncate(fd, 3);
			assertThat(Files.readString(file)).isEqualTo("01a");
		}
		finally {
			posix.close(fd);
		}
	}

	@Test
	void statxNamesTheFileThatThePathNamesNow() throws Exception {
		Posix posix = posix();
		assumeTrue(posix.hasStatx(), "statx(2) is not bound here");
		Path file = this.directory.resolve("stat.lock");
		Files.writeString(file, "12345");
		Posix.Statx ofPath = posix.statx(-100, file.toString(), 0x100, 0x100 | 0x200);
		assertThat(ofPath.read()).isZero();
		long inode = (Long) Files.getAttribute(file, "unix:ino");
		assertThat(ofPath.inode()).isEqualTo(inode);
		assertThat(ofPath.size()).isEqualTo(5);
		int fd = posix.open(file.toString(), OPEN_FLAGS, 0644);
		try {
			Posix.Statx ofDescriptor = posix.statx(fd, "", 0x1000, 0x100);
			assertThat(ofDescriptor.read()).isZero();
			assertThat(ofDescriptor.inode()).isEqualTo(inode);
			assertThat(ofDescriptor.device()).isEqualTo(ofPath.device());
		}
		finally {
			posix.close(fd);
		}
		Files.delete(file);
		assertThat(ofPath.read()).isEqualTo(LibC.ENOENT);
		Files.writeString(file, "replaced, longer");
		assertThat(ofPath.read()).isZero();
		assertThat(ofPath.inode()).isEqualTo((Long) Files.getAttribute(file, "unix:ino"));
		assertThat(ofPath.size()).isEqualTo(16);
	}

	@Test
	void signalsReachTheCallingThreadAndReadTheJdkHandler() throws Exception {
		assumeTrue(OperatingSystem.LINUX_64, "the kernel wait is only implemented on 64-bit Linux");
		Posix.Signals signals = posix().signals();
		int signal = signals.realtimeMax() - 2;
		assertThat(signal).isGreaterThan(32);
		// signal 0 checks that the thread exists without sending anything
		assertThat(signals.kill(signals.self(), 0)).isZero();
		assumeTrue(KernelWait.AVAILABLE, KernelWait.UNAVAILABLE_REASON);
		assertThat(signals.action(KernelWait.SIGNAL).handler()).isGreaterThan(1);
	}

}
