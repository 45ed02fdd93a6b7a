package io.filelock.sample.report;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.filelock.sample.SampleFilesInTempDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The single-instance job skips while another process holds its lock, and runs when the
 * lock is free.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "sample.report.cron=* * * * * *", "sample.report.work=0s" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class ReportJobTests extends SampleFilesInTempDirectory {

	@Autowired
	private ReportJob job;

	@Test
	void isScheduled() {
		await().atMost(Duration.ofSeconds(60)).until(() -> this.job.runs() > 0);
	}

	@Test
	void skipsWhileAnotherProcessHoldsTheLockAndRunsWhenItIsFree(CapturedOutput output) throws Exception {
		Path lockFile = directory.resolve("locks").resolve("report.lock");
		Files.createDirectories(lockFile.getParent());
		Process flock = new ProcessBuilder("flock", lockFile.toString(), "-c", "echo locked; exec cat")
			.redirectErrorStream(true)
			.start();
		long runsWhileHeld;
		try {
			BufferedReader flockOutput = new BufferedReader(
					new InputStreamReader(flock.getInputStream(), StandardCharsets.UTF_8));
			assertThat(flockOutput.readLine()).isEqualTo("locked");
			runsWhileHeld = this.job.runs();
			this.job.run();
			this.job.run();
			assertThat(this.job.runs()).isEqualTo(runsWhileHeld);
			assertThat(output).contains("Skipped io.filelock.sample.report.ReportJob.run(): file lock 'report' is held elsewhere");
		}
		finally {
			flock.getOutputStream().close();
			if (!flock.waitFor(30, TimeUnit.SECONDS)) {
				flock.destroyForcibly();
			}
		}
		// The scheduler may hold the lock for an instant in this JVM too: retry until a call runs.
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			this.job.run();
			return this.job.runs() > runsWhileHeld;
		});
	}

}
