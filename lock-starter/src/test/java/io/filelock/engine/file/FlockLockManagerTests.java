package io.filelock.engine.file;

import io.filelock.LockStrategy;
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.ForeignLocks;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract for {@link LockStrategy#FLOCK}, against {@code flock(1)}.
 */
class FlockLockManagerTests extends AbstractFileLockManagerContractTests {

	@BeforeAll
	static void nativeAccess() {
		assumeTrue(LibC.AVAILABLE, () -> "flock(2) is not available here: " + LibC.UNAVAILABLE_REASON);
	}

	@Override
	LockStrategy strategy() {
		return LockStrategy.FLOCK;
	}

	@Override
	ForeignLocks foreignLocks() {
		return FlockProcess.foreignLocks();
	}

}
