package io.filelock.annotation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.filelock.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No thread of a non-blocking Reactor scheduler ever blocks for a {@code @FileLocked}
 * Mono or Flux: not to wait for the lock, nor to take or release it. Checked by
 * BlockHound in a JVM of its own ({@link NonBlockingCheck}), which BlockHound can
 * instrument only with {@code -XX:+AllowRedefinitionToAddDeleteMethods} (JDK 13 and
 * later; JDK 21 and later also want dynamic agents allowed, and older ones ignore the
 * option).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NonBlockingThreadsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path directory;

	@Test
	void nonBlockingThreadsNeverBlockOnAFileLock() throws Exception {
		try (ChildJvm child = ChildJvm.start(
				List.of("-XX:+AllowRedefinitionToAddDeleteMethods", "-XX:+EnableDynamicAgentLoading"),
				System.getProperty("java.class.path"), NonBlockingCheck.class, this.directory.toString())) {
			assertThat(child.nextLine(PATIENCE)).isEqualTo("blockhound active");
			assertThat(child.nextLine(PATIENCE)).isEqualTo("ok");
		}
	}

}
