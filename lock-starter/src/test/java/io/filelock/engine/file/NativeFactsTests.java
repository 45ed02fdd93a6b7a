package io.filelock.engine.file;

import java.nio.file.Files;
import java.nio.file.Path;

import io.filelock.LockStrategy;
import io.filelock.engine.file.scope.MountInfoSource;
import io.filelock.engine.file.scope.MountTable;
import io.filelock.engine.file.scope.ScopeReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The facts the checks of the lock directory take from the C library, on this machine.
 */
class NativeFactsTests {

	@BeforeEach
	void linux() {
		assumeTrue(LibC.AVAILABLE && System.getProperty("os.name").startsWith("Linux"),
				() -> "statfs(2) is read on Linux only, not on " + System.getProperty("os.name"));
	}

	@Test
	void effectiveUidOwnsTheFilesThisProcessCreates(@TempDir Path directory) throws Exception {
		Path file = Files.createFile(directory.resolve("mine"));
		assertThat(NativeFacts.effectiveUid()).hasValue((int) Files.getAttribute(file, "unix:uid"));
	}

	@Test
	void procHasTheProcMagic() {
		assertThat(NativeFacts.statfsMagic(Path.of("/proc"))).hasValue(0x9fa0L);
	}

	@Test
	void aMissingPathHasNoMagic() {
		assertThat(NativeFacts.statfsMagic(Path.of("/no/such/directory"))).isEmpty();
	}

	@Test
	void theMountOfTheRootAgreesWithStatfs() throws Exception {
		assertThat(MountTable.parse(MountInfoSource.proc().read()).containing(Path.of("/"))).isPresent();
		ScopeReport report = FileBackend.PROBE.probe(Path.of("/"), LockStrategy.FLOCK);
		assertThat(report.mountPoint()).isEqualTo("/");
		assertThat(report.verdict().reason()).doesNotContain("not trusted");
	}

}
