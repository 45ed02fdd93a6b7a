package io.filelock.engine.file;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.filelock.LockMode;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.Mount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which binding a JVM of its own selects, with the class path and temporary directory
 * the test gives it: on JDK 22 and later the FFM binding works without JNA on the class
 * path and with a {@code noexec} temporary directory, and loads no JNA class at all; JNA
 * cannot load its native library from a {@code noexec} directory, and the manager falls
 * back to {@code FCNTL} with a warning. In every case where the child says {@code FLOCK},
 * {@code flock(1)} proves that its lock excludes other processes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NativeBindingProcessTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	@BeforeAll
	static void linuxWithFlock() {
		FlockProcess.assumeInstalled();
	}

	@Test
	@EnabledForJreRange(minVersion = 22)
	void ffmBindingWorksWithoutJnaOnTheClassPath() throws Exception {
		String withoutJna = classPathWithout("/net/java/dev/jna/");
		assertThat(withoutJna).isNotEqualTo(System.getProperty("java.class.path"));
		try (ChildJvm child = ChildJvm.start(List.of(), withoutJna, BindingProbe.class,
				this.directory.resolve("locks").toString())) {
			assertThat(child.nextLine(PATIENCE)).isEqualTo("strategy=FLOCK binding=ffm jna=absent");
			assertExcludesFlock(child);
		}
	}

	@Test
	@EnabledForJreRange(minVersion = 22)
	void ffmBindingLoadsNoJnaClassEvenWithJnaOnTheClassPath() throws Exception {
		try (ChildJvm child = ChildJvm.start(List.of("-Xlog:class+load=info:stdout"),
				System.getProperty("java.class.path"), BindingProbe.class, this.directory.resolve("locks").toString())) {
			assertThat(child.nextLine(PATIENCE)).isEqualTo("strategy=FLOCK binding=ffm jna=present");
			assertExcludesFlock(child);
			assertThat(child.waitForExit(PATIENCE)).isZero();
			assertThat(child.output()).anyMatch((line) -> line.contains("io.filelock.engine.file.FfmPosix "))
				.noneMatch((line) -> line.contains("com.sun.jna."));
		}
	}

	@Test
	@EnabledForJreRange(minVersion = 22)
	void ffmBindingWorksWithANoexecTemporaryDirectory() throws Exception {
		try (Mount noexec = Mount.tmpfs(this.directory.resolve("tmp"), "noexec,size=16m");
				ChildJvm child = ChildJvm.start(temporaryDirectory(noexec.path()), System.getProperty("java.class.path"),
						BindingProbe.class, this.directory.resolve("locks").toString())) {
			assertThat(child.nextLine(PATIENCE)).isEqualTo("strategy=FLOCK binding=ffm jna=present");
			assertExcludesFlock(child);
			assertThat(child.waitForExit(PATIENCE)).isZero();
		}
	}

	/**
	 * JNA as the binding: forced on JDK 22 and later, the default before.
	 */
	@Test
	void jnaCannotLoadFromANoexecTemporaryDirectoryAndTheManagerFallsBackToFcntl() throws Exception {
		List<String> options = new ArrayList<>(List.of("-D" + NativeBinding.PROPERTY + "=jna"));
		try (Mount noexec = Mount.tmpfs(this.directory.resolve("tmp"), "noexec,size=16m")) {
			options.addAll(temporaryDirectory(noexec.path()));
			try (ChildJvm child = ChildJvm.start(options, System.getProperty("java.class.path"), BindingProbe.class,
					this.directory.resolve("locks").toString())) {
				assertThat(child.nextLine(PATIENCE)).isEqualTo("strategy=FCNTL binding=null jna=present");
				child.expect("held ", PATIENCE);
				child.send("release");
				child.expect("released", PATIENCE);
				assertThat(child.waitForExit(PATIENCE)).isZero();
				assertThat(child.output())
					.filteredOn((line) -> line.contains("WARN") && line.contains("fall back to the FCNTL strategy"))
					.singleElement()
					.satisfies((line) -> assertThat(line).contains("could not be bound through JNA"));
			}
		}
	}

	/**
	 * The child holds its lock: {@code flock(1)} cannot take it until the child lets go.
	 */
	private static void assertExcludesFlock(ChildJvm child) throws Exception {
		Path file = Path.of(child.expect("held ", PATIENCE).substring("held ".length()));
		assertThat(FlockProcess.canLock(file, LockMode.EXCLUSIVE)).isFalse();
		assertThat(FlockProcess.canLock(file, LockMode.SHARED)).isFalse();
		child.send("release");
		child.expect("released", PATIENCE);
		assertThat(FlockProcess.canLock(file, LockMode.EXCLUSIVE)).isTrue();
	}

	/**
	 * Where the JDK and JNA put temporary files (JNA unpacks its native library there).
	 */
	private static List<String> temporaryDirectory(Path directory) {
		return List.of("-Djava.io.tmpdir=" + directory, "-Djna.tmpdir=" + directory);
	}

	private static String classPathWithout(String part) {
		List<String> entries = new ArrayList<>(
				Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
		entries.removeIf((entry) -> entry.replace(File.separatorChar, '/').contains(part));
		return String.join(File.pathSeparator, entries);
	}

}
