package io.filelock;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.filelock.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor, Spring Integration and ShedLock are optional: without them on the class path
 * the starter starts, its other auto-configurations apply, and {@code @FileLocked}
 * methods (a {@code CompletableFuture} one too) lock. Checked in a child JVM whose class
 * path lacks their jars, as hiding classes from one class loader cannot show that no
 * class of the starter needs them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WithoutOptionalLibrariesTests {

	private static final List<String> OPTIONAL_JARS = List.of("reactor-core-", "reactor-test-", "blockhound-",
			"spring-integration-", "shedlock-");

	@TempDir
	Path directory;

	@Test
	void theStarterWorksWithoutReactorSpringIntegrationAndShedLock() throws Exception {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> OPTIONAL_JARS.stream().noneMatch(Path.of(entry).getFileName().toString()::startsWith))
			.collect(Collectors.joining(File.pathSeparator));
		assertThat(classPath).doesNotContain("reactor-core-").doesNotContain("spring-integration-core-")
			.doesNotContain("shedlock-core-");
		try (ChildJvm child = ChildJvm.start(List.of(), classPath, WithoutOptionalLibrariesCheck.class,
				this.directory.toString())) {
			assertThat(child.nextLine(Duration.ofSeconds(90))).isEqualTo("ok");
		}
	}

}
