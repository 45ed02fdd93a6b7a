package io.filelock.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.filelock.LockHandle;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.engine.DefaultLockManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint, the health contributor and the meters over HTTP, in a whole application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=filelocks,health,metrics,prometheus",
				"management.endpoint.health.show-details=always" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileLockObservabilityHttpTests {

	private static final long PID = ProcessHandle.current().pid();

	private static Path directory;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	DefaultLockManager manager;

	@DynamicPropertySource
	static void lockDirectory(DynamicPropertyRegistry registry) throws IOException {
		directory = Files.createTempDirectory("file-locks-http");
		registry.add("file-lock.directory", directory::toString);
	}

	@AfterAll
	static void deleteLockDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(directory);
	}

	@Test
	void locksHealthAndMetricsAreExposed() throws Exception {
		try (LockHandle handle = this.manager.acquire("report")) {
			timeOutOnAnotherThread("report");

			DocumentContext locks = getJson("/actuator/filelocks");
			assertThat(locks.read("$.directory", String.class)).isEqualTo(directory.toString());
			assertThat(locks.read("$.active", Integer.class)).isEqualTo(1);
			assertThat(locks.read("$.locks[?(@.name == 'report')].state", List.class)).containsExactly("held");

			DocumentContext report = getJson("/actuator/filelocks/report");
			assertThat(report.read("$.lock.state", String.class)).isEqualTo("held");
			assertThat(report.read("$.lock.mode", String.class)).isEqualTo("EXCLUSIVE");
			assertThat(report.read("$.lock.timeout", String.class)).isEqualTo("PT10S");
			assertThat(report.read("$.holder.recordState", String.class)).isEqualTo("CURRENT");
			assertThat(report.read("$.holder.owner.pid", Long.class)).isEqualTo(PID);
			assertThat(report.read("$.holder.ownerAlive", Boolean.class)).isTrue();

			DocumentContext health = getJson("/actuator/health");
			assertThat(health.read("$.components.fileLock.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.fileLock.details.directory", String.class))
				.isEqualTo(directory.toString());
			assertThat(health.read("$.components.fileLock.details.locksHeld", Integer.class)).isEqualTo(1);

			DocumentContext timeouts = getJson("/actuator/metrics/file.lock.timeouts");
			assertThat(timeouts.read("$.measurements[0].value", Double.class)).isEqualTo(1.0);

			String scrape = get("/actuator/prometheus").body();
			assertThat(scrape.lines().filter((line) -> line.startsWith("file_lock_timeouts_total{")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("lock=\"report\"", "mode=\"exclusive\"").endsWith(" 1.0"));
			assertThat(scrape).contains("file_lock_active 1.0", "file_lock_pending 0.0",
					"file_lock_acquire_seconds_count{lock=\"report\",mode=\"exclusive\",outcome=\"acquired\"} 1");
		}
		assertThat(get("/actuator/prometheus").body()).contains("file_lock_held_seconds_count{lock=\"report\"");
		assertThat(getJson("/actuator/filelocks/report").read("$.lock.state", String.class)).isEqualTo("idle");
	}

	@Test
	void invalidLockNameIsABadRequest() throws Exception {
		assertThat(get("/actuator/filelocks/%20").statusCode()).isEqualTo(400);
	}

	private void timeOutOnAnotherThread(String name) throws InterruptedException {
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		Thread other = new Thread(() -> {
			try {
				this.manager.acquire(name, LockMode.EXCLUSIVE, Duration.ofMillis(10)).close();
			}
			catch (Throwable ex) {
				thrown.set(ex);
			}
		});
		other.start();
		other.join(10_000);
		assertThat(thrown.get()).isInstanceOf(LockTimeoutException.class);
	}

	private DocumentContext getJson(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
