package io.filelock.integration;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.autoconfigure.integration.FileLockIntegrationAutoConfiguration;
import io.filelock.engine.file.LockTestProcess;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.leader.AbstractCandidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.OnFailedToAcquireMutexEvent;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * The main class of a child JVM that runs for leadership as an application does: a
 * {@link LockRegistryLeaderInitiator} on the auto-configured {@link FileLockRegistry},
 * with the lock directory of its first argument. Says {@code started}, {@code granted},
 * {@code revoked}, and {@code not leader} after its first failed attempt; answers
 * {@code leader?} with {@code leader true|false}; on {@code stop} closes its context (a
 * graceful shutdown), says {@code stopped}, and lives on until its input ends.
 */
public final class LeaderProcess {

	private LeaderProcess() {
	}

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run("--file-lock.directory=" + args[0]);
		LockRegistryLeaderInitiator initiator = context.getBean(LockRegistryLeaderInitiator.class);
		say("started");
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = input.readLine()) != null) {
			switch (line) {
				case "leader?" -> say("leader " + initiator.getContext().isLeader());
				case "stop" -> {
					context.close();
					say("stopped");
				}
				default -> say("unknown command '" + line + "'");
			}
		}
		System.exit(0);
	}

	static void say(String line) {
		System.out.println(LockTestProcess.MARK + line);
		System.out.flush();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ FileLockAutoConfiguration.class, FileLockIntegrationAutoConfiguration.class })
	static class Application {

		private final AtomicBoolean failedOnce = new AtomicBoolean();

		@Bean
		LockRegistryLeaderInitiator leaderInitiator(LockRegistry<?> lockRegistry) {
			LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(lockRegistry, new Candidate());
			initiator.setPublishFailedEvents(true);
			return initiator;
		}

		@EventListener
		void failedToLead(OnFailedToAcquireMutexEvent event) {
			if (this.failedOnce.compareAndSet(false, true)) {
				say("not leader");
			}
		}

	}

	static class Candidate extends AbstractCandidate {

		@Override
		public void onGranted(Context context) {
			say("granted");
		}

		@Override
		public void onRevoked(Context context) {
			say("revoked");
		}

	}

}
