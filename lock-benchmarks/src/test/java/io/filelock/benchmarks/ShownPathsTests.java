package io.filelock.benchmarks;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results files name no directory of the machine they were measured on.
 */
class ShownPathsTests {

	@Test
	void aPathBelowTheWorkingDirectoryIsShownRelativeToIt() {
		Path jar = Path.of("").toAbsolutePath().resolve("target/against/abc.jar");
		assertThat(ShownPaths.of(jar)).isEqualTo(Path.of("target", "against", "abc.jar").toString());
	}

	@Test
	void aPathElsewhereIsShownByItsFileNameAlone() {
		Path outside = Path.of("").toAbsolutePath().getRoot().resolve("elsewhere-" + System.nanoTime()).resolve("a.jar");
		assertThat(ShownPaths.of(outside)).isEqualTo("a.jar");
	}

	@Test
	void theTemporaryDirectoryIsWrittenAsItsProperty() {
		String text = "data " + Path.of(System.getProperty("java.io.tmpdir"), "file-lock-pg-1", "data");
		assertThat(ShownPaths.withoutTemporaryDirectory(text))
			.isEqualTo("data " + Path.of("${java.io.tmpdir}", "file-lock-pg-1", "data"));
	}

}
