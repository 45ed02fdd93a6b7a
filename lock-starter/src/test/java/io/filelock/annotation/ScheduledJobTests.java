package io.filelock.annotation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.FileLocked;
import io.filelock.LockManager;
import io.filelock.OnTimeout;
import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.spi.LockListener;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The canonical single-instance job: {@code @Scheduled} with {@code @FileLocked(timeout =
 * "0s", onTimeout = SKIP)}. A fixed delay stands in for the cron expression of a real
 * job, so that triggers come quickly.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ScheduledJobTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FileLockAutoConfiguration.class))
			.withUserConfiguration(JobConfiguration.class)
			.withPropertyValues("file-lock.directory=" + this.directory);
	}

	@Test
	void jobSkipsWhileAnotherProcessRunsItAndRunsOnceItIsFree() throws Exception {
		Path lockFile = this.directory.resolve("nightly-report.lock");
		FlockProcess otherInstance = FlockProcess.hold(lockFile);
		try {
			contextRunner().run((context) -> {
				JobState job = context.getBean(JobState.class);
				job.finish.countDown();
				await().atMost(Duration.ofSeconds(30)).until(() -> job.skips.get() >= 3);
				assertThat(job.runs).hasValue(0);
				otherInstance.close();
				await().atMost(Duration.ofSeconds(30)).until(() -> job.runs.get() >= 1);
			});
		}
		finally {
			otherInstance.close();
		}
	}

	@Test
	void ofTwoInstancesExactlyOneRunsTheJob() {
		contextRunner().run((first) -> contextRunner().run((second) -> {
			JobState one = first.getBean(JobState.class);
			JobState two = second.getBean(JobState.class);
			// Whichever instance got the lock is inside the job until released below.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> one.runs.get() + two.runs.get() == 1 && one.skips.get() + two.skips.get() >= 3);
			JobState running = (one.runs.get() == 1) ? one : two;
			JobState skipping = (running == one) ? two : one;
			assertThat(skipping.runs).hasValue(0);
			assertThat(skipping.skips.get()).isGreaterThanOrEqualTo(3);
			release(first, second);
		}));
	}

	private static void release(AssertableApplicationContext... contexts) {
		for (AssertableApplicationContext context : contexts) {
			context.getBean(JobState.class).finish.countDown();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class JobConfiguration {

		@Bean
		JobState jobState() {
			return new JobState();
		}

		@Bean
		NightlyReport nightlyReport(JobState state) {
			return new NightlyReport(state);
		}

		@Bean
		LockListener skipCounter(JobState job) {
			return new LockListener() {

				@Override
				public void acquireFinished(AcquireEvent event) {
					if (event.outcome() == Outcome.SKIPPED) {
						job.skips.incrementAndGet();
					}
				}

			};
		}

	}

	/**
	 * What the job did; a bean of its own, since the job's fields are not reachable
	 * through its proxy.
	 */
	static class JobState {

		final AtomicInteger runs = new AtomicInteger();

		final AtomicInteger skips = new AtomicInteger();

		final CountDownLatch finish = new CountDownLatch(1);

	}

	static class NightlyReport {

		private final JobState state;

		NightlyReport(JobState state) {
			this.state = state;
		}

		@Scheduled(fixedDelay = 20)
		@FileLocked(value = "nightly-report", timeout = "0s", onTimeout = OnTimeout.SKIP)
		public void run() throws InterruptedException {
			this.state.runs.incrementAndGet();
			this.state.finish.await(60, TimeUnit.SECONDS);
		}

	}

}
