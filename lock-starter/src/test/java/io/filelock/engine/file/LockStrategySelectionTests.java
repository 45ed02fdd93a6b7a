package io.filelock.engine.file;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.filelock.LockException;
import io.filelock.LockManager;
import io.filelock.LockStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Which strategy is used when native access is or is not available.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class LockStrategySelectionTests {

	private static final String NO_NATIVE = "the C library could not be bound through JNA: test";

	@TempDir
	Path directory;

	@Test
	void flockRequestedWithoutNativeAccessFailsClearly() {
		assertThatExceptionOfType(LockException.class)
			.isThrownBy(() -> LockFileStrategy.select(LockStrategy.FLOCK, NO_NATIVE))
			.withMessageContaining("FLOCK was requested but is not available")
			.withMessageContaining(NO_NATIVE);
	}

	@Test
	void autoWithoutNativeAccessFallsBackToFcntlWithOneWarning(CapturedOutput output) {
		LockFileStrategy strategy = LockFileStrategy.select(LockStrategy.AUTO, NO_NATIVE);
		assertThat(strategy.kind()).isEqualTo(LockStrategy.FCNTL);
		assertThat(output.getAll().lines().filter((line) -> line.contains("fall back to the FCNTL strategy")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN").contains(NO_NATIVE));
	}

	@Test
	void autoWithNativeAccessIsFlockWithoutWarning(CapturedOutput output) {
		assertThat(LockFileStrategy.select(LockStrategy.AUTO, null).kind()).isEqualTo(LockStrategy.FLOCK);
		assertThat(output.getAll()).doesNotContain("fall back");
	}

	@Test
	void builderResolvesAutoForThisPlatform() {
		assumeTrue(LibC.AVAILABLE, () -> "flock(2) is not available here: " + LibC.UNAVAILABLE_REASON);
		assertThat(Managers.strategyOf(Managers.build(LockManager.builder().directory(this.directory))))
			.isEqualTo(LockStrategy.FLOCK);
		assertThat(Managers
			.strategyOf(Managers.build(LockManager.builder().directory(this.directory).strategy(LockStrategy.FCNTL))))
			.isEqualTo(LockStrategy.FCNTL);
	}

}
