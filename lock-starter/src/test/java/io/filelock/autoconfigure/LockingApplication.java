package io.filelock.autoconfigure;

import io.filelock.LockHandle;
import io.filelock.LockManager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot application with the starter and nothing else, for tests that start it as
 * a process of its own: it takes the lock {@code job} once, prints {@code @@ locked PATH}
 * and ends. Its arguments are its properties ({@code --file-lock.scope=cluster}).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(FileLockAutoConfiguration.class)
public class LockingApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(LockingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(args);
				LockHandle handle = context.getBean(LockManager.class).acquire("job")) {
			System.out.println("@@ locked " + handle.path());
		}
	}

}
