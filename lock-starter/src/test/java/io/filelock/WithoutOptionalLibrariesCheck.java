package io.filelock;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.autoconfigure.endpoint.FileLocksEndpointAutoConfiguration;
import io.filelock.autoconfigure.health.FileLockHealthContributorAutoConfiguration;
import io.filelock.autoconfigure.integration.FileLockIntegrationAutoConfiguration;
import io.filelock.autoconfigure.metrics.FileLockMetricsAutoConfiguration;
import io.filelock.autoconfigure.shedlock.FileLockShedLockAutoConfiguration;
import io.filelock.engine.file.LockTestProcess;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main class of a child JVM whose class path lacks Reactor, Spring Integration and
 * ShedLock: starts the starter's auto-configurations as an application does (by name, so
 * that their class conditions are read without loading the classes they name), calls a
 * synchronous and a {@code CompletableFuture} {@code @FileLocked} method, and says
 * {@code ok}, or {@code failed …}.
 */
public final class WithoutOptionalLibrariesCheck {

	private WithoutOptionalLibrariesCheck() {
	}

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run("--file-lock.directory=" + Path.of(args[0]))) {
			Jobs jobs = context.getBean(Jobs.class);
			String answer = jobs.now() + " " + jobs.later().join() + " registry="
					+ context.containsBean("fileLockRegistry") + " provider=" + context.containsBean("fileLockProvider");
			say(answer.equals("now later registry=false provider=false") ? "ok" : "failed: " + answer);
		}
		catch (Throwable ex) {
			say("failed " + ex);
		}
	}

	private static void say(String line) {
		System.out.println(LockTestProcess.MARK + line);
		System.out.flush();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ FileLockAutoConfiguration.class, FileLocksEndpointAutoConfiguration.class,
			FileLockHealthContributorAutoConfiguration.class, FileLockMetricsAutoConfiguration.class,
			FileLockIntegrationAutoConfiguration.class, FileLockShedLockAutoConfiguration.class })
	static class Application {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

	/**
	 * Locked methods; public and not final, so that a class proxy can extend it.
	 */
	public static class Jobs {

		@FileLocked("job")
		public String now() {
			return "now";
		}

		@FileLocked("job")
		public CompletableFuture<String> later() {
			return CompletableFuture.supplyAsync(() -> "later");
		}

	}

}
