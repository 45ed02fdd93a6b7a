package io.filelock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The benchmark suite's command line: what it accepts, and the error that names a wrong
 * option or value.
 */
class BenchmarkSuiteOptionsTests {

	@Test
	void defaultsRunEverythingOnce() {
		SuiteOptions options = SuiteOptions.parse(new String[0]);
		assertThat(options.quick).isFalse();
		assertThat(options.rounds).isZero();
		assertThat(options.variants).isEqualTo(Contender.defaultVariants());
		assertThat(SuiteOptions.WORKLOADS).allMatch(options::runs);
		assertThat(options.out).isEqualTo(Path.of("lock-benchmarks", "results"));
		assertThat(options.w7Seconds).isZero();
		assertThat(options.w7Threads).isEqualTo(8);
		assertThat(options.againstJar).isNull();
	}

	@Test
	void everyOptionIsRead() {
		SuiteOptions options = SuiteOptions.parse(new String[] { "--quick", "--only", "W1,W3", "--rounds", "5",
				"--variants", "library,flock-blocking", "--label", "my change", "--out", "elsewhere/results" });
		assertThat(options.quick).isTrue();
		assertThat(options.runs("W1")).isTrue();
		assertThat(options.runs("W3")).isTrue();
		assertThat(options.runs("W2")).isFalse();
		assertThat(options.rounds).isEqualTo(5);
		assertThat(options.variants).isEqualTo(List.of(Contender.LIBRARY, Contender.FLOCK));
		assertThat(options.label).isEqualTo("my change");
		assertThat(options.out).isEqualTo(Path.of("elsewhere/results"));
	}

	@Test
	void jnaVariantOfTheLibraryRunsByDefaultFromJdk22On() {
		assertThat(Contender.defaultVariants().contains(Contender.LIBRARY_JNA))
			.isEqualTo(Runtime.version().feature() >= 22);
		assertThat(SuiteOptions.parse(new String[] { "--variants", "library,library-jna" }).variants)
			.containsExactly(Contender.LIBRARY, Contender.LIBRARY_JNA);
	}

	@Test
	void w7TimeAndThreadsAreRead() {
		SuiteOptions options = SuiteOptions.parse(new String[] { "--only", "W7", "--w7-seconds", "30", "--w7-threads",
				"16" });
		assertThat(options.runs("W7")).isTrue();
		assertThat(options.runs("W6")).isFalse();
		assertThat(options.w7Seconds).isEqualTo(30);
		assertThat(options.w7Threads).isEqualTo(16);
	}

	@Test
	void unknownOptionIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(new String[] { "--fast" }))
			.withMessageStartingWith("Unknown option '--fast': expected --quick, --only W1,W2,W1x,W3,W4,W5,W6,W7");
	}

	@Test
	void optionWithoutItsValueIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(new String[] { "--quick", "--rounds" }))
			.withMessageStartingWith("Option --rounds needs a value: expected ");
	}

	@Test
	void unknownVariantOrWorkloadIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SuiteOptions.parse(new String[] { "--variants", "library,flok" }))
			.withMessage("Unknown 'flok' in --variants: expected some of "
					+ "library,library-jna,library-fcntl,library-both,flock-blocking,filechannel-lock,seed-poll-100ms");
		assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(new String[] { "--only", "W1,W9" }))
			.withMessage("Unknown 'W9' in --only: expected some of W1,W2,W1x,W3,W4,W5,W6,W7,P1,P2,P3,P4");
	}

	@Test
	void roundsMustBeAWholeNumberFromOne() {
		for (String rounds : new String[] { "three", "0", "-1" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(new String[] { "--rounds", rounds }))
				.withMessage("Invalid --rounds '" + rounds + "': expected a whole number from 1");
		}
	}

	@Test
	void w7TimeAndThreadsMustBeWholeNumbersFromOne() {
		for (String option : new String[] { "--w7-seconds", "--w7-threads" }) {
			for (String value : new String[] { "10s", "0", "-8" }) {
				assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(new String[] { option, value }))
					.withMessage("Invalid " + option + " '" + value + "': expected a whole number from 1");
			}
		}
	}

	@Test
	void againstJarNamesTheOtherBuildAndEachBuildRepeatsWhatToRun(@TempDir Path directory) throws IOException {
		Path jar = Files.createFile(directory.resolve("old-starter.jar"));
		SuiteOptions options = SuiteOptions.parse(new String[] { "--quick", "--only", "W4,W7", "--rounds", "3",
				"--against-jar", jar.toString(), "--w7-seconds", "5", "--label", "engine", "--out", "elsewhere/results" });
		assertThat(options.againstJar).isEqualTo(jar);
		assertThat(options.againstName).isEqualTo("old-starter.jar");
		assertThat(options.rounds).isEqualTo(3);
		assertThat(options.forEachBuild).containsExactly("--quick", "--only", "W4,W7", "--w7-seconds", "5");
	}

	@Test
	void againstNameIsRead(@TempDir Path directory) throws IOException {
		Path jar = Files.createFile(directory.resolve("old.jar"));
		SuiteOptions options = SuiteOptions
			.parse(new String[] { "--against-name", "main (ad4a559)", "--against-jar", jar.toString() });
		assertThat(options.againstName).isEqualTo("main (ad4a559)");
	}

	@Test
	void againstJarMustBeAJarThatExists(@TempDir Path directory) throws IOException {
		Path missing = directory.resolve("missing.jar");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SuiteOptions.parse(new String[] { "--against-jar", missing.toString() }))
			.withMessage("Invalid --against-jar '" + missing + "': no such file");
		Path notAJar = Files.createFile(directory.resolve("starter.zip"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SuiteOptions.parse(new String[] { "--against-jar", notAJar.toString() }))
			.withMessage("Invalid --against-jar '" + notAJar + "': expected a .jar file");
		assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(new String[] { "--against-jar" }))
			.withMessageStartingWith("Option --against-jar needs a value: expected ");
	}

	@Test
	void againstNameWithoutAgainstJarIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SuiteOptions.parse(new String[] { "--against-name", "main" }))
			.withMessage("Option --against-name 'main' needs --against-jar: it names that build");
	}

	@Test
	void runsThePostgresWorkloadsOnlyWhenNamed() {
		assertThat(SuiteOptions.parse(new String[0]).runs("P1")).isFalse();
		SuiteOptions options = SuiteOptions.parse(new String[] { "--only", "P1,P4" });
		assertThat(options.runs("P1")).isTrue();
		assertThat(options.runs("P4")).isTrue();
		assertThat(options.runs("W1")).isFalse();
	}

}
