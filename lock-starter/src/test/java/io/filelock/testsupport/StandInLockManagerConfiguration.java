package io.filelock.testsupport;

import java.nio.file.Path;

import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.engine.FileLockManager;
import io.filelock.engine.LockListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Stands in for the starter's auto-configuration: a {@link FileLockManager} in
 * {@code file-lock.directory}, told of every {@link LockListener} bean.
 */
@Configuration(proxyBeanMethods = false)
public class StandInLockManagerConfiguration {

	@Bean
	FileLockManager fileLockManager(ObjectProvider<LockListener> listeners, Environment environment) {
		LockManagerBuilder builder = LockManager.builder()
			.directory(Path.of(environment.getRequiredProperty("file-lock.directory")));
		listeners.orderedStream().forEach(builder::listener);
		return builder.build();
	}

}
