package io.filelock.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invalid {@code file-lock.*} value fails the startup with a failure analysis that
 * names the property, the value and what is allowed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileLockPropertiesFailureAnalysisTests {

	@TempDir
	Path directory;

	@Test
	void negativeTimeout() {
		assertThat(analysisOf("file-lock.timeout=-1s").getDescription())
			.isEqualTo("Invalid value '-1s' for property 'file-lock.timeout': must be zero or positive.");
	}

	@Test
	void negativeLockTimeout() {
		assertThat(analysisOf("file-lock.locks.report.timeout=-5ms").getDescription())
			.isEqualTo("Invalid value '-5ms' for property 'file-lock.locks.report.timeout': must be zero or positive.");
	}

	@Test
	void multiplierBelowOne() {
		FailureAnalysis analysis = analysisOf("file-lock.backoff.multiplier=0.5");
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid value '0.5' for property 'file-lock.backoff.multiplier': must be a number of at least 1.");
		assertThat(analysis.getAction()).isEqualTo(
				"Update your application's configuration so that 'file-lock.backoff.multiplier' must be a number of at least 1.");
	}

	@Test
	void lockMultiplierBelowOne() {
		assertThat(analysisOf("file-lock.locks.report.backoff.multiplier=0").getDescription()).isEqualTo(
				"Invalid value '0' for property 'file-lock.locks.report.backoff.multiplier': must be a number of at least 1.");
	}

	@Test
	void maxDelayBelowInitialDelay() {
		assertThat(analysisOf("file-lock.backoff.initial-delay=100ms", "file-lock.backoff.max-delay=10ms")
			.getDescription()).isEqualTo(
					"Invalid value '10ms' for property 'file-lock.backoff.max-delay': must be at least the initial delay (100ms).");
	}

	@Test
	void lockInitialDelayAboveSharedMaxDelay() {
		assertThat(analysisOf("file-lock.locks.report.backoff.initial-delay=1s").getDescription()).isEqualTo(
				"Invalid value '1s' for property 'file-lock.locks.report.backoff.initial-delay': must be at most the max delay (50ms).");
	}

	@Test
	void negativeJitter() {
		assertThat(analysisOf("file-lock.backoff.jitter=-1ms").getDescription())
			.isEqualTo("Invalid value '-1ms' for property 'file-lock.backoff.jitter': must be zero or positive.");
	}

	@Test
	void unknownStrategy() {
		FailureAnalysis analysis = analysisOf("file-lock.strategy=posix");
		assertThat(analysis.getDescription()).contains("Property: file-lock.strategy").contains("Value: \"posix\"");
		assertThat(analysis.getAction()).contains("AUTO").contains("FLOCK").contains("FCNTL");
	}

	@Test
	void kernelWaitThatIsNotABoolean() {
		FailureAnalysis analysis = analysisOf("file-lock.kernel-wait=sometimes");
		assertThat(analysis.getDescription()).contains("Property: file-lock.kernel-wait")
			.contains("Value: \"sometimes\"");
	}

	@Test
	void directoryThatIsAFile() throws Exception {
		Path file = Files.createFile(this.directory.resolve("not-a-directory"));
		assertThat(analysisOf("file-lock.directory=" + file).getDescription()).isEqualTo("Invalid value '" + file
				+ "' for property 'file-lock.directory': must be a directory, but it is a file.");
	}

	@Test
	void directoryThatCannotBeCreated() throws Exception {
		Path file = Files.createFile(this.directory.resolve("file"));
		Path below = file.resolve("locks");
		assertThat(analysisOf("file-lock.directory=" + below).getDescription()).startsWith("Invalid value '" + below
				+ "' for property 'file-lock.directory': must be a directory that exists or can be created, but creating '");
	}

	@Test
	void lockPathInMissingDirectory() {
		Path missing = this.directory.resolve("missing");
		Path file = missing.resolve("backup.lock");
		assertThat(analysisOf("file-lock.locks.backup.path=" + file).getDescription())
			.isEqualTo("Invalid value '" + file + "' for property 'file-lock.locks.backup.path': "
					+ "must be a file in an existing directory, but directory '" + missing + "' does not exist.");
	}

	@Test
	void lockPathThatIsADirectory() {
		assertThat(analysisOf("file-lock.locks.backup.path=" + this.directory).getDescription())
			.isEqualTo("Invalid value '" + this.directory
					+ "' for property 'file-lock.locks.backup.path': must be a file, but it is a directory.");
	}

	@Test
	void lockNameWithDotsIsNamedInBrackets() {
		assertThat(analysisOf("file-lock.locks[nightly.report].timeout=-1s").getDescription()).isEqualTo(
				"Invalid value '-1s' for property 'file-lock.locks[nightly.report].timeout': must be zero or positive.");
	}

	private FailureAnalysis analysisOf(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class))
			.withPropertyValues("file-lock.directory=" + this.directory.resolve("locks"))
			.withPropertyValues(properties)
			.run((context) -> {
				assertThat(context).hasFailed();
				analysis[0] = FailureAnalyses.analyze(context.getStartupFailure());
			});
		return analysis[0];
	}

}
