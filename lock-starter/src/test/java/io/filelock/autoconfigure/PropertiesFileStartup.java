package io.filelock.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the auto-configuration with an {@code application.properties} written for the
 * test, expects the startup to fail, and analyses the failure as Spring Boot does, so
 * that a test reads what a user would, origins (file, line, column) included.
 */
final class PropertiesFileStartup {

	private final Path directory;

	/**
	 * @param directory where the properties file is written, and where the lock
	 * directory is unless the lines set one
	 */
	PropertiesFileStartup(Path directory) {
		this.directory = directory;
	}

	Path propertiesFile() {
		return this.directory.resolve("application.properties");
	}

	/**
	 * Where a value was written: the properties file, and the line and column where the
	 * value starts.
	 */
	String origin(int line, String key) {
		return "(originating from 'file [" + propertiesFile() + "] - " + line + ":" + (key.length() + 1) + "')";
	}

	/**
	 * The failure analysis of a startup with the given lines as the properties file.
	 */
	FailureAnalysis analysisOf(String... lines) {
		PropertySource<?> file = load(lines);
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		ConfigurableEnvironment[] environment = new ConfigurableEnvironment[1];
		boolean directorySet = List.of(lines).stream().anyMatch((line) -> line.startsWith("file-lock.directory="));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class))
			.withPropertyValues(directorySet ? "unrelated=value" : "file-lock.directory=" + this.directory.resolve("locks"))
			.withInitializer((context) -> {
				environment[0] = context.getEnvironment();
				environment[0].getPropertySources().addFirst(file);
			})
			.run((context) -> {
				assertThat(context).hasFailed();
				analysis[0] = FailureAnalyses.analyze(context.getStartupFailure(), environment[0]);
			});
		return analysis[0];
	}

	private PropertySource<?> load(String... lines) {
		try {
			Files.write(propertiesFile(), List.of(lines));
			return new PropertiesPropertySourceLoader().load("application.properties", new FileSystemResource(propertiesFile()))
				.get(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
