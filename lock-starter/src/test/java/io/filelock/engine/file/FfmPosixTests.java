package io.filelock.engine.file;

import org.junit.jupiter.api.condition.EnabledForJreRange;

/**
 * The FFM binding, on JDK 22 and later.
 */
@EnabledForJreRange(minVersion = 22)
class FfmPosixTests extends AbstractPosixContractTests {

	@Override
	Posix posix() {
		return NativeBinding.ffm();
	}

}
