package io.filelock.engine.file;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.AbstractLockManagerContractTests;
import io.filelock.engine.DefaultLockManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each caller waiting in the kernel for a POSIX lock holds a platform thread of the
 * JDK's pool, virtual callers too: at most {@link FcntlStrategy#KERNEL_WAITS} at once per
 * JVM, the others poll with the backoff.
 */
@EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
@Timeout(120)
class FcntlKernelWaitLimitTests {

	private static final int LOCKS = FcntlStrategy.KERNEL_WAITS * 3;

	@TempDir
	Path directory;

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsWaitingForManyLocksHoldAtMostTheBoundOfPlatformThreads() throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed: not tested");
		Process holder = holdAll();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		int before = threads.getThreadCount();
		DefaultLockManager manager = Managers
			.build(LockManager.builder().directory(this.directory).strategy(LockStrategy.FCNTL));
		AtomicInteger timeouts = new AtomicInteger();
		AtomicInteger mostThreads = new AtomicInteger();
		AtomicBoolean waiting = new AtomicBoolean(true);
		Thread counter = new Thread(() -> {
			while (waiting.get()) {
				mostThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
				Thread.onSpinWait();
			}
		});
		counter.start();
		ExecutorService virtual = AbstractLockManagerContractTests.newVirtualThreadPerTaskExecutor();
		try {
			List<Future<?>> waits = new ArrayList<>();
			for (int i = 0; i < LOCKS; i++) {
				String name = "lock-" + i;
				waits.add(virtual.submit(() -> {
					try {
						manager.acquire(name, LockMode.EXCLUSIVE, Duration.ofSeconds(3)).close();
					}
					catch (LockTimeoutException ex) {
						timeouts.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> wait : waits) {
				wait.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			virtual.shutdownNow();
			waiting.set(false);
			counter.join();
			holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		assertThat(timeouts).as("every wait ended at its timeout").hasValue(LOCKS);
		// the bound, the JDK's own threads (carriers, the pool's), and the counting thread
		assertThat(mostThreads.get() - before).isLessThanOrEqualTo(FcntlStrategy.KERNEL_WAITS + 16);
	}

	/**
	 * A Python process that holds a POSIX lock on every lock file until it is killed.
	 */
	private Process holdAll() throws Exception {
		String script = "import fcntl, os, sys, time\n" + "files = []\n" + "for i in range(int(sys.argv[2])):\n"
				+ "    f = open(os.path.join(sys.argv[1], 'lock-%d.lock' % i), 'a+')\n"
				+ "    fcntl.lockf(f, fcntl.LOCK_EX)\n" + "    files.append(f)\n" + "print('locked', flush=True)\n"
				+ "time.sleep(600)\n";
		Process process = new ProcessBuilder("python3", "-c", script, this.directory.toString(),
				Integer.toString(LOCKS))
			.redirectErrorStream(true)
			.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		assertThat(output.readLine()).isEqualTo("locked");
		return process;
	}

}
