package io.filelock.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import io.filelock.LockManager;
import io.filelock.LockMode;
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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UncontendedBenchmark {

	@Param({ "EXCLUSIVE", "SHARED" })
	public LockMode mode;

	private Path directory;

	private LockManager manager;

	private int fd;

	private int operation;

	private FileChannel channel;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.directory = Files.createTempDirectory("w4-");
		this.manager = LockManager.builder().directory(this.directory).build();
		this.fd = NativeFlock.openLockFile(this.directory.resolve("raw.lock").toString());
		this.operation = (this.mode == LockMode.SHARED) ? NativeFlock.LOCK_SH : NativeFlock.LOCK_EX;
		this.channel = FileChannel.open(this.directory.resolve("channel.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		NativeFlock.close(this.fd);
		this.channel.close();
	}

	@Benchmark
	public void library() {
		this.manager.acquire("library", this.mode).close();
	}

	@Benchmark
	public void rawFlock() {
		NativeFlock.flock(this.fd, this.operation);
		NativeFlock.flock(this.fd, NativeFlock.LOCK_UN);
	}

	@Benchmark
	public void fileChannel() throws IOException {
		this.channel.lock(0, Long.MAX_VALUE, this.mode == LockMode.SHARED).release();
	}

}
