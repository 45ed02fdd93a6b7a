package io.filelock.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Native;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W4: one uncontended acquire and release, by the library and by the raw syscalls on a
 * descriptor kept open.
 * <p>
 * Two syscall baselines: the bare {@code flock} pair, and the sequence the library's
 * guarantees need ({@link #syscallSequence}), which is what the library is judged
 * against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UncontendedBenchmark {

	@Param({ "EXCLUSIVE", "SHARED" })
	public LockMode mode;

	private Path directory;

	private LockManager manager;

	/** The library with strategy BOTH, where the starter under test has it. */
	private LockManager bothManager;

	private int fd;

	private int operation;

	private FileChannel channel;

	private int sequenceFd;

	private byte[] sequencePath;

	private final long[] statxBuffer = new long[NativeFlock.STATX_LONGS];

	private final byte[] record = ownerRecordSized();

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.directory = Files.createTempDirectory("w4-");
		this.manager = Managers.build(LockManager.builder().directory(this.directory));
		Optional<LockStrategy> both = Managers.both();
		if (both.isPresent()) {
			this.bothManager = Managers.build(LockManager.builder().directory(this.directory).strategy(both.get()));
		}
		this.fd = NativeFlock.openLockFile(this.directory.resolve("raw.lock").toString());
		this.operation = (this.mode == LockMode.SHARED) ? NativeFlock.LOCK_SH : NativeFlock.LOCK_EX;
		this.channel = FileChannel.open(this.directory.resolve("channel.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
		Path sequenceFile = this.directory.resolve("sequence.lock");
		this.sequenceFd = NativeFlock.openLockFile(sequenceFile.toString());
		this.sequencePath = Native.toByteArray(sequenceFile.toString());
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		NativeFlock.close(this.fd);
		NativeFlock.close(this.sequenceFd);
		this.channel.close();
	}

	@Benchmark
	public void library() {
		this.manager.acquire("library", this.mode).close();
	}

	/**
	 * The library with strategy BOTH: a {@code flock(2)} lock, then a POSIX lock, on one
	 * file. Left out where the starter under test has no such strategy.
	 */
	@Benchmark
	public void libraryBoth() {
		this.bothManager.acquire("library-both", this.mode).close();
	}

	@Benchmark
	public void rawFlock() {
		NativeFlock.flock(this.fd, this.operation);
		NativeFlock.flock(this.fd, NativeFlock.LOCK_UN);
	}

	/**
	 * The syscalls the library's guarantees need, through the same binding: one attempt
	 * ({@code LOCK_NB}, as the library's first attempt), the check that the path still
	 * names the locked file ({@code statx} of the path, not following a link, asking for
	 * the inode), the owner record written on an exclusive acquisition (256 bytes at
	 * offset 0, over the last one), and the release. Shared acquisitions write no record.
	 */
	@Benchmark
	public long syscallSequence() {
		NativeFlock.flock(this.sequenceFd, this.operation | NativeFlock.LOCK_NB);
		NativeFlock.statx(NativeFlock.AT_FDCWD, this.sequencePath, NativeFlock.AT_SYMLINK_NOFOLLOW,
				NativeFlock.STATX_INO, this.statxBuffer);
		if (this.operation == NativeFlock.LOCK_EX) {
			NativeFlock.pwrite(this.sequenceFd, this.record, this.record.length, 0);
		}
		NativeFlock.flock(this.sequenceFd, NativeFlock.LOCK_UN);
		// stx_ino, as the library compares it with the locked file's
		return this.statxBuffer[4];
	}

	@Benchmark
	public void fileChannel() throws IOException {
		this.channel.lock(0, Long.MAX_VALUE, this.mode == LockMode.SHARED).release();
	}

	/**
	 * A record like the library's: one line, padded with spaces to 256 bytes.
	 */
	private static byte[] ownerRecordSized() {
		String line = "pid=" + ProcessHandle.current().pid() + " host=\"bench\" thread=\"main\" acquired="
				+ Instant.now();
		byte[] record = Arrays.copyOf(line.getBytes(StandardCharsets.UTF_8), 256);
		Arrays.fill(record, line.length(), 255, (byte) ' ');
		record[255] = '\n';
		return record;
	}

}
