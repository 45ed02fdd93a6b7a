package io.filelock.sample.demo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoundResultTests {

	@Test
	void summarisesAnUnlockedRoundByWhatItLost() {
		RoundResult round = new RoundResult(false, 4000, 4000, 1214, 0, new WaitSamples(1), Duration.ofSeconds(1));
		assertThat(round.summary()).isEqualTo("without a lock  : 1,214 of 4,000 increments kept (2,786 lost)");
	}

	@Test
	void summarisesALockedRoundWithItsWaits() {
		WaitSamples waits = new WaitSamples(100);
		for (int i = 1; i <= 100; i++) {
			waits.record(i * 100_000L);
		}
		RoundResult round = new RoundResult(true, 4000, 3999, 3999, 1, waits, Duration.ofSeconds(1));
		assertThat(round.summary()).isEqualTo(
				"with @FileLocked: 3,999 of 4,000 increments kept (0 lost), wait p50 5.0 ms, p99 9.9 ms, 1 timeout");
	}

	@Test
	void showsShortWaitsInHundredthsOfAMillisecond() {
		assertThat(RoundResult.millis(42)).isEqualTo("0.04 ms");
		assertThat(RoundResult.millis(12_345)).isEqualTo("12 ms");
	}

}
