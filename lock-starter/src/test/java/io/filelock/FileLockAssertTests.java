package io.filelock;

import java.nio.file.Path;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import io.filelock.autoconfigure.FileLockAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link FileLockAssert} tells a method that runs under its lock from one whose
 * {@code @FileLocked} was bypassed by a call from its own bean.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileLockAssertTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FileLockAutoConfiguration.class))
			.withPropertyValues("file-lock.directory=" + this.directory)
			.withBean(Counter.class);
	}

	@Test
	void passesThroughTheProxyAndFailsWhenTheBeanCallsItself() {
		contextRunner().run((context) -> {
			Counter counter = context.getBean(Counter.class);
			assertThatNoException().isThrownBy(counter::increment);
			assertThatIllegalStateException().isThrownBy(counter::incrementTwiceThroughThis)
				.withMessageStartingWith("The current thread does not hold file lock 'counter'. A @FileLocked "
						+ "method called from its own bean (this.method()) bypasses the Spring proxy");
		});
	}

	@Test
	void assertLockedWithoutANameAsksForAnyLock() {
		contextRunner().run((context) -> {
			LockManager manager = context.getBean(LockManager.class);
			onAThreadOfItsOwn(() -> {
				assertThatIllegalStateException().isThrownBy(FileLockAssert::assertLocked)
					.withMessageStartingWith("The current thread holds no file lock.");
				try (LockHandle held = manager.acquire("account-42")) {
					assertThatNoException().isThrownBy(FileLockAssert::assertLocked);
					assertThatNoException().isThrownBy(() -> FileLockAssert.assertLocked("account-42"));
					assertThatIllegalStateException().isThrownBy(() -> FileLockAssert.assertLocked("account-43"));
					try (LockHandle again = manager.acquire("account-42")) {
						assertThat(again.name()).isEqualTo("account-42");
					}
					assertThatNoException().as("still held once").isThrownBy(() -> FileLockAssert.assertLocked("account-42"));
				}
				assertThatIllegalStateException().isThrownBy(FileLockAssert::assertLocked);
			});
		});
	}

	@Test
	void aDetachedHoldBelongsToNoThread() {
		contextRunner().run((context) -> {
			LockManager manager = context.getBean(LockManager.class);
			onAThreadOfItsOwn(() -> {
				try (LockHandle detached = manager.acquire(LockRequest.of("job").withDetached(true))) {
					assertThatIllegalStateException().isThrownBy(() -> FileLockAssert.assertLocked("job"));
					assertThatIllegalStateException().isThrownBy(FileLockAssert::assertLocked);
				}
			});
		});
	}

	@Test
	void aHoldClosedOnAnotherThreadNoLongerCountsForItsThread() {
		contextRunner().run((context) -> {
			LockManager manager = context.getBean(LockManager.class);
			onAThreadOfItsOwn(() -> {
				LockHandle held = manager.acquire("report");
				assertThatNoException().isThrownBy(() -> FileLockAssert.assertLocked("report"));
				FutureTask<Void> close = new FutureTask<>(held::close, null);
				new Thread(close, "closer").start();
				try {
					close.get(30, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				assertThatIllegalStateException().isThrownBy(() -> FileLockAssert.assertLocked("report"));
				assertThatIllegalStateException().isThrownBy(FileLockAssert::assertLocked);
			});
		});
	}

	/**
	 * Runs the checks on a new thread, which no other test can have left holding a lock.
	 */
	private static void onAThreadOfItsOwn(Runnable checks) throws Exception {
		FutureTask<Void> task = new FutureTask<>(checks, null);
		new Thread(task, "file-lock-assert-test").start();
		task.get(30, TimeUnit.SECONDS);
	}

	static class Counter {

		private long count;

		@FileLocked("counter")
		public long increment() {
			FileLockAssert.assertLocked("counter");
			return ++this.count;
		}

		public long incrementTwiceThroughThis() {
			increment();
			return increment();
		}

	}

}
