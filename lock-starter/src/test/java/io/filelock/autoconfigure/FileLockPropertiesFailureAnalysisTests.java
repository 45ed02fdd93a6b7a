package io.filelock.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invalid {@code file-lock.*} value, written in an {@code application.properties},
 * fails the startup with a failure analysis that names the property, the value as
 * written, where it was written (file, line and column) and what is allowed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileLockPropertiesFailureAnalysisTests {

	private static final String ACTION = "Review the value of the property with the provided reason.";

	@TempDir
	Path directory;

	@Test
	void negativeTimeout() {
		assertInvalid(analysisOf("file-lock.timeout=-1s"), "-1s", "file-lock.timeout", "must be zero or positive");
	}

	@Test
	void negativeLockTimeout() {
		assertInvalid(analysisOf("file-lock.locks.report.timeout=-5ms"), "-5ms", "file-lock.locks.report.timeout",
				"must be zero or positive");
	}

	@Test
	void multiplierBelowOne() {
		FailureAnalysis analysis = analysisOf("file-lock.backoff.multiplier=0.5");
		assertInvalid(analysis, "0.5", "file-lock.backoff.multiplier", "must be a number of at least 1");
		assertThat(analysis.getAction()).isEqualTo(ACTION);
	}

	@Test
	void lockMultiplierBelowOne() {
		assertInvalid(analysisOf("file-lock.locks.report.backoff.multiplier=0"), "0",
				"file-lock.locks.report.backoff.multiplier", "must be a number of at least 1");
	}

	@Test
	void maxDelayBelowInitialDelay() {
		assertInvalid(analysisOf("file-lock.backoff.initial-delay=100ms", "file-lock.backoff.max-delay=10ms"), "10ms",
				"file-lock.backoff.max-delay", "must be at least the initial delay (100ms)", 2);
	}

	@Test
	void lockInitialDelayAboveSharedMaxDelay() {
		assertInvalid(analysisOf("file-lock.locks.report.backoff.initial-delay=1s"), "1s",
				"file-lock.locks.report.backoff.initial-delay", "must be at most the max delay (50ms)");
	}

	@Test
	void negativeJitter() {
		assertInvalid(analysisOf("file-lock.backoff.jitter=-1ms"), "-1ms", "file-lock.backoff.jitter",
				"must be zero or positive");
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
		assertInvalid(analysisOf("file-lock.directory=" + file), file.toString(), "file-lock.directory",
				"must be a directory, but it is a file");
	}

	@Test
	void directoryThatCannotBeCreated() throws Exception {
		Path file = Files.createFile(this.directory.resolve("file"));
		Path below = file.resolve("locks");
		assertThat(analysisOf("file-lock.directory=" + below).getDescription())
			.startsWith("Invalid value '" + below + "' for configuration property 'file-lock.directory' "
					+ origin(1, "file-lock.directory="))
			.contains("must be a directory that exists or can be created, but creating '");
	}

	@Test
	void lockPathInMissingDirectory() {
		Path missing = this.directory.resolve("missing");
		Path file = missing.resolve("backup.lock");
		assertInvalid(analysisOf("file-lock.locks.backup.path=" + file), file.toString(), "file-lock.locks.backup.path",
				"must be a file in an existing directory, but directory '" + missing + "' does not exist");
	}

	@Test
	void lockPathThatIsADirectory() {
		assertInvalid(analysisOf("file-lock.locks.backup.path=" + this.directory), this.directory.toString(),
				"file-lock.locks.backup.path", "must be a file, but it is a directory");
	}

	@Test
	void lockNameWithDotsIsNamedInBrackets() {
		assertInvalid(analysisOf("file-lock.locks[nightly.report].timeout=-1s"), "-1s",
				"file-lock.locks[nightly.report].timeout", "must be zero or positive");
	}

	@Test
	void timeoutWithoutAUnit() {
		assertInvalid(analysisOf("file-lock.locks.counter.timeout=2"), "2", "file-lock.locks.counter.timeout",
				"a timeout or delay needs a unit, such as '2s' or '2ms' (without one it would be read as milliseconds)");
	}

	@Test
	void delayWithoutAUnit() {
		assertInvalid(analysisOf("file-lock.backoff.max-delay=100"), "100", "file-lock.backoff.max-delay",
				"a timeout or delay needs a unit, such as '100s' or '100ms' (without one it would be read as "
						+ "milliseconds)");
	}

	@Test
	void misspelledSharedProperty() {
		FailureAnalysis analysis = analysisOf("file-lock.timout=1s");
		assertThat(analysis.getDescription()).isEqualTo("Unknown property 'file-lock.timout' "
				+ origin(1, "file-lock.timout=") + ": file-lock has no such setting, so its value '1s' would be "
				+ "ignored. The nearest valid property is 'file-lock.timeout'.");
		assertThat(analysis.getAction()).isEqualTo("Rename 'file-lock.timout' to 'file-lock.timeout', or remove it.");
	}

	@Test
	void misspelledLockProperty() {
		FailureAnalysis analysis = analysisOf("file-lock.locks.counter.timout=1s");
		assertThat(analysis.getDescription()).startsWith("Unknown property 'file-lock.locks.counter.timout' "
				+ origin(1, "file-lock.locks.counter.timout="))
			.endsWith("The nearest valid property is 'file-lock.locks.counter.timeout'.");
		assertThat(analysis.getAction())
			.isEqualTo("Rename 'file-lock.locks.counter.timout' to 'file-lock.locks.counter.timeout', or remove it.");
	}

	@Test
	void misspelledNestedProperty() {
		assertThat(analysisOf("file-lock.backof.max-delay=1s").getAction())
			.isEqualTo("Rename 'file-lock.backof.max-delay' to 'file-lock.backoff.max-delay', or remove it.");
	}

	/**
	 * Spring Boot's analysis of an invalid property value, with the origin of its one
	 * line in the properties file.
	 */
	private void assertInvalid(FailureAnalysis analysis, String value, String property, String requirement) {
		assertInvalid(analysis, value, property, requirement, 1);
	}

	private void assertInvalid(FailureAnalysis analysis, String value, String property, String requirement,
			int line) {
		assertThat(analysis.getDescription()).isEqualTo("Invalid value '" + value + "' for configuration property '"
				+ property + "' " + origin(line, property + "=") + ". Validation failed for the following reason:"
				+ System.lineSeparator() + System.lineSeparator() + requirement);
		assertThat(analysis.getAction()).isEqualTo(ACTION);
	}

	private String origin(int line, String key) {
		return new PropertiesFileStartup(this.directory).origin(line, key);
	}

	private FailureAnalysis analysisOf(String... lines) {
		return new PropertiesFileStartup(this.directory).analysisOf(lines);
	}

}
