package io.filelock.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that start the sample: its counter file and lock directory live in a
 * temporary directory of the test class.
 */
public abstract class SampleFilesInTempDirectory {

	@TempDir
	protected static Path directory;

	@DynamicPropertySource
	static void sampleFiles(DynamicPropertyRegistry registry) {
		registry.add("sample.counter.file", () -> directory.resolve("counter.json").toString());
		registry.add("file-lock.directory", () -> directory.resolve("locks").toString());
	}

}
