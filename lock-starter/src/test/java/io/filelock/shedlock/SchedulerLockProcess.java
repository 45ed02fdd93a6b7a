package io.filelock.shedlock;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.autoconfigure.shedlock.FileLockShedLockAutoConfiguration;
import io.filelock.engine.file.LockTestProcess;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutorListener;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The main class of a child JVM with a ShedLock job as an application writes one: a
 * {@code @Scheduled @SchedulerLock} method, every other second, on the auto-configured
 * {@link FileLockProvider} with the lock directory of its first argument. Says
 * {@code started}, then for each trigger {@code ran S} or {@code skipped S}, S the
 * trigger's second; lives until its input ends.
 */
public final class SchedulerLockProcess {

	private SchedulerLockProcess() {
	}

	public static void main(String[] args) throws Exception {
		new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run("--file-lock.directory=" + args[0]);
		say("started");
		// lives until the test closes its input
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).transferTo(Writer.nullWriter());
		System.exit(0);
	}

	static void say(String line) {
		System.out.println(LockTestProcess.MARK + line);
		System.out.flush();
	}

	/**
	 * The second of the trigger being run: triggers fire every other whole second, a
	 * little late, and this tells which one even when a busy machine delays it by up to
	 * one and a half seconds.
	 */
	static long triggerSecond() {
		return Math.floorDiv(System.currentTimeMillis() + 500, 2000) * 2;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@EnableSchedulerLock(defaultLockAtMostFor = "PT1M")
	@ImportAutoConfiguration({ AopAutoConfiguration.class, FileLockAutoConfiguration.class,
			FileLockShedLockAutoConfiguration.class })
	static class Application {

		@Bean
		Report report() {
			return new Report();
		}

		@Bean
		LockingTaskExecutorListener skippedTriggers() {
			return new LockingTaskExecutorListener() {

				@Override
				public void onLockNotAcquired(LockConfiguration lockConfig) {
					say("skipped " + triggerSecond());
				}

			};
		}

	}

	/**
	 * The job; public and not final, so that a class proxy can extend it.
	 */
	public static class Report {

		@Scheduled(cron = "*/2 * * * * *")
		@SchedulerLock(name = "report", lockAtLeastFor = "PT1.5S")
		public void run() {
			say("ran " + triggerSecond());
		}

	}

}
