package io.filelock.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What binding {@code file-lock.*} onto {@link FileLockProperties} needs in a native
 * image: its constructors, getters and setters, and those of its nested groups. Spring
 * Boot registers them too for a properties bean of the processed context; these hold for
 * any context the starter is used in.
 */
class FileLockPropertiesRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(FileLockProperties.class).registerHints(hints, classLoader);
	}

}
