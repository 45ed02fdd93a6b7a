package io.filelock.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What {@link Json} writes, {@link JsonReader} reads back.
 */
class JsonReaderTests {

	@Test
	void readsWhatJsonWrites() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("variant", "library \"quoted\"\ttab\nline \\ µs");
		inner.put("ratio", 1.25);
		inner.put("timeouts", 83);
		inner.put("withinTarget", false);
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("workloads", Map.of("W7", List.of(inner)));
		results.put("empty", List.of());
		results.put("none", Arrays.asList(null, true));
		Object read = JsonReader.read(Json.write(results));
		Map<String, Object> expectedInner = new LinkedHashMap<>(inner);
		expectedInner.put("timeouts", 83L);
		assertThat(read).isEqualTo(Map.of("workloads", Map.of("W7", List.of(expectedInner)), "empty", List.of(),
				"none", Arrays.asList(null, true)));
	}

	@Test
	void notANumberIsWrittenAndReadAsNull() {
		assertThat(JsonReader.read(Json.write(List.of(Double.NaN, -2.5e-3, 7)))).isEqualTo(Arrays.asList(null, -0.0025, 7L));
	}

	@Test
	void malformedTextIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("{\"a\": [1, 2}"))
			.withMessage("Invalid JSON at character 11: expected ',' or ']'");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("[1] x"))
			.withMessage("Invalid JSON at character 4: expected end of the text");
	}

}
