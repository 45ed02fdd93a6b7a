package io.filelock.engine.file;

import java.nio.file.Path;
import java.time.Duration;

import io.filelock.LockMode;
import io.filelock.testsupport.ChildJvm;
import io.filelock.testsupport.ForeignLocks;
import org.jspecify.annotations.Nullable;

/**
 * {@link ForeignLocks} through plain {@code FileChannel} locks (POSIX record locks) in a
 * second JVM, started on first use and kept for the test class.
 */
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
final class ChannelProbe implements ForeignLocks {

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

	private @Nullable ChildJvm jvm;

	private ChildJvm jvm() throws Exception {
		if (this.jvm == null) {
			this.jvm = ChildJvm.start(LockTestProcess.class, "probe");
		}
		return this.jvm;
	}

	@Override
	public boolean canLock(Path file, LockMode mode) throws Exception {
		ChildJvm probe = jvm();
		probe.send("try " + mode + " " + file);
		String answer = probe.nextLine(ANSWER_TIMEOUT);
		if (!answer.equals("free") && !answer.equals("busy")) {
			throw new AssertionError("Probe JVM answered '" + answer + "'");
		}
		return answer.equals("free");
	}

	@Override
	public Hold hold(Path file) throws Exception {
		ChildJvm probe = jvm();
		probe.send("hold " + file);
		probe.expect("locked", ANSWER_TIMEOUT);
		return () -> {
			probe.send("release");
			probe.expect("released", ANSWER_TIMEOUT);
		};
	}

	@Override
	public void close() throws Exception {
		if (this.jvm != null) {
			this.jvm.close();
			this.jvm = null;
		}
	}

}
