package io.filelock.autoconfigure;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code file-lock.*} can be bound in a native image, nested groups included.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileLockPropertiesRuntimeHintsTests {

	@Test
	void isRegisteredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(FileLockPropertiesRuntimeHints.class);
	}

	@Test
	void propertiesAndTheirNestedGroupsCanBeBound() {
		RuntimeHints hints = new RuntimeHints();
		new FileLockPropertiesRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(FileLockProperties.class, "setTimeout"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(FileLockProperties.class, "getLocks"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(FileLockProperties.Backoff.class, "setMultiplier")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(FileLockProperties.Lock.class, "setPath"))
			.accepts(hints);
	}

}
