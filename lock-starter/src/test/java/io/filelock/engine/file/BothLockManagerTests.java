package io.filelock.engine.file;

import java.nio.file.Path;

import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.testsupport.FlockProcess;
import io.filelock.testsupport.ForeignLocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract for {@link LockStrategy#BOTH}: another process sees the lock whichever
 * kind it takes, {@code flock(1)} or a {@code FileChannel} (POSIX) lock of a second JVM;
 * it holds with {@code flock(1)}.
 */
class BothLockManagerTests extends AbstractFileLockManagerContractTests {

	private static final ChannelProbe POSIX = new ChannelProbe();

	private static final ForeignLocks EITHER_KIND = new ForeignLocks() {

		@Override
		public boolean canLock(Path file, LockMode mode) throws Exception {
			boolean flock = FlockProcess.foreignLocks().canLock(file, mode);
			boolean posix = POSIX.canLock(file, mode);
			return flock && posix;
		}

		@Override
		public Hold hold(Path file) throws Exception {
			return FlockProcess.foreignLocks().hold(file);
		}

	};

	@BeforeAll
	static void nativeAccess() {
		assumeTrue(LibC.AVAILABLE, () -> "flock(2) is not available here: " + LibC.UNAVAILABLE_REASON);
	}

	@AfterAll
	static void stopProbe() throws Exception {
		POSIX.close();
	}

	@Override
	LockStrategy strategy() {
		return LockStrategy.BOTH;
	}

	/**
	 * One for each kind of lock.
	 */
	@Override
	int descriptorsPerLockFile() {
		return 2;
	}

	@Override
	ForeignLocks foreignLocks() {
		return EITHER_KIND;
	}

}
