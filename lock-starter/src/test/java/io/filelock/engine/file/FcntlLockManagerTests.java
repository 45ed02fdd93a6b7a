package io.filelock.engine.file;

import io.filelock.LockStrategy;
import io.filelock.testsupport.ForeignLocks;
import org.junit.jupiter.api.AfterAll;

/**
 * The contract for {@link LockStrategy#FCNTL}, against {@code FileChannel} locks of a
 * second JVM.
 */
class FcntlLockManagerTests extends AbstractFileLockManagerContractTests {

	private static final ChannelProbe PROBE = new ChannelProbe();

	@AfterAll
	static void stopProbe() throws Exception {
		PROBE.close();
	}

	@Override
	LockStrategy strategy() {
		return LockStrategy.FCNTL;
	}

	@Override
	ForeignLocks foreignLocks() {
		return PROBE;
	}

}
