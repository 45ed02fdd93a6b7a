package io.filelock.sample.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BatchResultTests {

	@Test
	void formatsAndParsesOneLine() {
		BatchResult result = new BatchResult(true, 1000, 998, 2, 35, 4100, 9800, 812);
		assertThat(result.format()).isEqualTo("RESULT locked=true increments=1000 done=998 timeouts=2 "
				+ "wait-p50-us=35 wait-p99-us=4100 wait-max-us=9800 millis=812");
		assertThat(BatchResult.parse(result.format())).isEqualTo(result);
	}

	@Test
	void refusesALineWithoutAKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> BatchResult.parse("RESULT locked=true"))
			.withMessageContaining("no 'increments'");
	}

}
