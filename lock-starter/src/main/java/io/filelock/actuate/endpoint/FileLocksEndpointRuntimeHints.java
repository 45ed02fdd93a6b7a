package io.filelock.actuate.endpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * The records the {@code filelocks} endpoint returns, for their JSON in a native image:
 * their accessors, and those of the records they hold. Spring Boot registers an
 * endpoint's declared return types itself when the endpoint is a bean of the processed
 * context; these are registered whether or not it is. Nothing is registered without the
 * actuator, which the records implement an interface of.
 */
class FileLocksEndpointRuntimeHints implements RuntimeHintsRegistrar {

	private static final String ACTUATOR = "org.springframework.boot.actuate.endpoint.OperationResponseBody";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(ACTUATOR, classLoader)) {
			Descriptors.register(hints);
		}
	}

	/**
	 * Names the descriptor types only once the actuator is known to be there.
	 */
	private static final class Descriptors {

		static void register(RuntimeHints hints) {
			new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
					FileLockDescriptors.FileLocksDescriptor.class, FileLockDescriptors.LockDetailsDescriptor.class);
		}

	}

}
