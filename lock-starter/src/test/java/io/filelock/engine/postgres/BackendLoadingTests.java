package io.filelock.engine.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.filelock.LockManager;
import io.filelock.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that keeps lock files loads no class of the PostgreSQL backend, nor of
 * the driver, even with the driver on its class path: checked in a JVM of its own that
 * logs every class it loads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackendLoadingTests {

	@TempDir
	Path directory;

	@Test
	void aFileLockManagerLoadsNothingOfPostgres() throws Exception {
		Path loaded = this.directory.resolve("classes.log");
		try (ChildJvm child = ChildJvm.start(FileLocking.class, List.of("-Xlog:class+load=info:file=" + loaded),
				this.directory.toString())) {
			child.expect("done", Duration.ofSeconds(90));
			assertThat(child.waitForExit(Duration.ofSeconds(30))).isZero();
		}
		List<String> classes = Files.readAllLines(loaded);
		assertThat(classes).anyMatch((line) -> line.contains("io.filelock.engine.file.FileBackend "));
		assertThat(classes)
			.noneMatch((line) -> line.contains("io.filelock.engine.postgres.") && !line.contains("BackendLoadingTests"))
			.noneMatch((line) -> line.contains("org.postgresql."));
	}

	/**
	 * Takes and releases a file lock, then says {@code done}.
	 */
	public static final class FileLocking {

		private FileLocking() {
		}

		public static void main(String[] args) {
			try (LockManager locks = LockManager.builder().directory(Path.of(args[0])).build()) {
				locks.acquire("file").close();
			}
			System.out.println(ChildJvm.MARK + "done");
		}

	}

}
