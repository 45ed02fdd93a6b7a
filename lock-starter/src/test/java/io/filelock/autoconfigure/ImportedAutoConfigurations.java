package io.filelock.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * The auto-configurations this starter lists in its {@code AutoConfiguration.imports}.
 */
final class ImportedAutoConfigurations {

	private ImportedAutoConfigurations() {
	}

	static Class<?>[] ofThisStarter() {
		ClassLoader classLoader = ImportedAutoConfigurations.class.getClassLoader();
		return ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.filelock."))
			.map((name) -> load(name, classLoader))
			.toArray(Class<?>[]::new);
	}

	private static Class<?> load(String name, ClassLoader classLoader) {
		try {
			return Class.forName(name, false, classLoader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
