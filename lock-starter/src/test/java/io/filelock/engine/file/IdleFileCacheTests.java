package io.filelock.engine.file;

import io.filelock.engine.DefaultLockManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.filelock.LockManager;
import io.filelock.LockMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idle lock files stay open for reuse, but never more than the cache holds, and none
 * once the manager is closed.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdleFileCacheTests {

	@TempDir
	Path directory;

	@Test
	void keepsAtMostTheCapacityOpenAndNoneAfterClose() throws IOException {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		for (int i = 0; i < 10; i++) {
			manager.acquire("lock-" + i).close();
			manager.tryAcquire("lock-" + i, LockMode.SHARED).orElseThrow().close();
		}
		assertThat(openFilesInDirectory()).isEqualTo(4 /* the idle cache of the engine's lock table */);
		manager.close();
		assertThat(openFilesInDirectory()).isZero();
		manager.acquire("lock-0").close();
		assertThat(openFilesInDirectory()).as("usable after close").isOne();
	}

	private long openFilesInDirectory() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.filter((fd) -> {
				try {
					return Files.readSymbolicLink(fd).startsWith(this.directory);
				}
				catch (IOException ex) {
					return false;
				}
			}).count();
		}
	}

}
