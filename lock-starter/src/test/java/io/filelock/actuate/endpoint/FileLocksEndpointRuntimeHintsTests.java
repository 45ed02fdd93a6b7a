package io.filelock.actuate.endpoint;

import java.util.concurrent.TimeUnit;

import io.filelock.actuate.endpoint.FileLockDescriptors.FileLocksDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.HolderDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDetailsDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.OwnerDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's records, down to the nested ones, can be written as JSON in a native
 * image.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileLocksEndpointRuntimeHintsTests {

	@Test
	void isRegisteredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(FileLocksEndpointRuntimeHints.class);
	}

	@Test
	void recordsOfBothOperationsAndTheRecordsTheyHoldHaveTheirAccessors() {
		RuntimeHints hints = new RuntimeHints();
		new FileLocksEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(FileLocksDescriptor.class, "locks"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LockDetailsDescriptor.class, "holder"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LockDescriptor.class, "backoff"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(HolderDescriptor.class, "kernelHolders"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(OwnerDescriptor.class, "pid"))
			.accepts(hints);
	}

	@Test
	void nothingWithoutTheActuator() {
		RuntimeHints hints = new RuntimeHints();
		new FileLocksEndpointRuntimeHints().registerHints(hints,
				new FilteredClassLoader("org.springframework.boot.actuate"));
		assertThat(hints.reflection().typeHints()).isEmpty();
	}

}
