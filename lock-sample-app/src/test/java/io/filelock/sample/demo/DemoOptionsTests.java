package io.filelock.sample.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoOptionsTests {

	@Test
	void defaultsToFourProcessesOfAThousandIncrements() {
		assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(4, 1000, null));
	}

	@Test
	void readsEveryOption() {
		assertThat(DemoOptions.parse("--processes=8", "--increments=10_000", "--work-dir=race"))
			.isEqualTo(new DemoOptions(8, 10_000, Path.of("race")));
	}

	@Test
	void readsTheBackend() {
		assertThat(DemoOptions.parse("--backend=postgres").backend()).isEqualTo("postgres");
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--backend=redis"))
			.withMessage("Invalid option '--backend=redis': the backend is file or postgres");
	}

	@Test
	void refusesAnOutOfRangeNumberNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--processes=0"))
			.withMessage("Invalid option '--processes=0': must be a whole number from 1 to 64");
	}

	@Test
	void refusesAnUnknownOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("-n", "4"))
			.withMessage("Unknown option '-n'");
	}

}
