package io.filelock;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers the README describes, held against the compiled classes: the public API
 * knows no engine, the engine knows no Spring AOP, Micrometer or Actuator, and its
 * coordination knows no backend (lock files, PostgreSQL) and the backends know none of
 * each other; the integrations reach the engine only through the API and the SPI.
 */
class LayerTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.filelock");

	@Test
	void theApiAndItsSpiImportNothingOfTheEngine() {
		noClasses().that()
			.resideInAnyPackage("io.filelock", "io.filelock.spi")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.filelock.engine..")
			.check(CLASSES);
	}

	@Test
	void theEngineKnowsNoSpringAopMicrometerOrActuator() {
		noClasses().that()
			.resideInAPackage("io.filelock.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.aop..", "io.micrometer..", "org.springframework.boot..",
					"io.filelock.annotation..", "io.filelock.autoconfigure..", "io.filelock.metrics..",
					"io.filelock.actuate..")
			.check(CLASSES);
	}

	@Test
	void theCoordinationKnowsNoBackend() {
		noClasses().that()
			.resideInAPackage("io.filelock.engine")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.filelock.engine.file..", "io.filelock.engine.postgres..",
					"io.filelock.engine.provider..")
			.check(CLASSES);
	}

	@Test
	void theBackendsKnowNoneOfEachOther() {
		noClasses().that()
			.resideInAPackage("io.filelock.engine.file..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.filelock.engine.postgres..", "io.filelock.engine.provider..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("io.filelock.engine.postgres..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.filelock.engine.file..", "io.filelock.engine.provider..")
			.check(CLASSES);
	}

	@Test
	void theIntegrationsReachTheEngineOnlyThroughTheApi() {
		noClasses().that()
			.resideInAnyPackage("io.filelock.annotation..", "io.filelock.autoconfigure..", "io.filelock.metrics..",
					"io.filelock.actuate..", "io.filelock.integration..", "io.filelock.shedlock..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.filelock.engine..")
			.check(CLASSES);
	}

}
