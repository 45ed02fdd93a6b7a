package io.filelock.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The counter endpoints and the Actuator endpoints the sample exposes.
 */
@SpringBootTest(properties = "sample.scheduling.enabled=false")
@AutoConfigureMockMvc
@Timeout(120)
class SampleWebTests extends SampleFilesInTempDirectory {

	@Autowired
	private MockMvc mvc;

	@Test
	void incrementsAreCountedAndRead() throws Exception {
		long start = count();
		this.mvc.perform(post("/counter/increment"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.count").value(start + 1));
		this.mvc.perform(post("/counter/increment")).andExpect(jsonPath("$.count").value(start + 2));
		assertThat(count()).isEqualTo(start + 2);
		assertThat(directory.resolve("counter.json")).content().isEqualToIgnoringNewLines("{\"count\": " + (start + 2) + "}");
	}

	@Test
	void concurrentIncrementsAreAllKept() throws Exception {
		long start = count();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				calls.add(executor.submit(() -> {
					this.mvc.perform(post("/counter/increment")).andExpect(status().isOk());
					return null;
				}));
			}
			for (Future<?> call : calls) {
				call.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(count()).isEqualTo(start + 100);
	}

	@Test
	void actuatorExposesHealthMetricsFileLocksAndPrometheus() throws Exception {
		this.mvc.perform(get("/actuator"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$._links.health").exists())
			.andExpect(jsonPath("$._links.metrics").exists())
			.andExpect(jsonPath("$._links.filelocks").exists())
			.andExpect(jsonPath("$._links.prometheus").exists());
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
	}

	@Test
	void lockMetricsAreScrapedByPrometheus() throws Exception {
		this.mvc.perform(post("/counter/increment")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("file_lock_acquire_seconds_count")));
	}

	private long count() throws Exception {
		String body = this.mvc.perform(get("/counter"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(body.replaceAll("[^0-9]", ""));
	}

}
