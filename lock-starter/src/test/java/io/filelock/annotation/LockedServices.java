package io.filelock.annotation;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.FileLocked;
import io.filelock.LockMode;
import io.filelock.OnTimeout;
import io.filelock.engine.DefaultLockManager;
import org.jspecify.annotations.Nullable;

/**
 * Beans with {@code @FileLocked} methods, one per attribute under test. Each method
 * returns the locks its thread holds, so a test sees which lock was taken.
 */
final class LockedServices {

	private LockedServices() {
	}

	static class Reports {

		final DefaultLockManager manager;

		final AtomicInteger calls = new AtomicInteger();

		Reports(DefaultLockManager manager) {
			this.manager = manager;
		}

		@FileLocked("report")
		public List<String> exclusive() {
			return held();
		}

		@FileLocked(value = "report", mode = LockMode.SHARED)
		public List<String> shared() {
			return held();
		}

		@FileLocked(value = "report", mode = LockMode.SHARED)
		public boolean sharedLetsInShared() {
			return HeldLocks.availableToAnotherThread(this.manager, "report", LockMode.SHARED)
					&& !HeldLocks.availableToAnotherThread(this.manager, "report", LockMode.EXCLUSIVE);
		}

		@FileLocked("report")
		public boolean exclusiveKeepsOthersOut() {
			return !HeldLocks.availableToAnotherThread(this.manager, "report", LockMode.SHARED);
		}

		@FileLocked(value = "busy", timeout = "200ms")
		public List<String> timeout200ms() {
			return held();
		}

		@FileLocked(value = "busy", timeout = "PT0.3S")
		public List<String> isoTimeout() {
			return held();
		}

		@FileLocked(value = "busy", timeout = "${app.lock-timeout}")
		public List<String> placeholderTimeout() {
			return held();
		}

		@FileLocked("busy")
		public List<String> configuredTimeout() {
			return held();
		}

		@FileLocked(value = "busy", timeout = "0s", onTimeout = OnTimeout.SKIP)
		public @Nullable List<String> skipReturningObject() {
			return held();
		}

		@FileLocked(value = "busy", timeout = "0s", onTimeout = OnTimeout.SKIP)
		public Optional<String> skipReturningOptional() {
			this.calls.incrementAndGet();
			return Optional.of("ran");
		}

		@FileLocked(value = "busy", timeout = "100ms", onTimeout = OnTimeout.SKIP)
		public int skipReturningInt() {
			this.calls.incrementAndGet();
			return 42;
		}

		@FileLocked(value = "busy", timeout = "0s", onTimeout = OnTimeout.SKIP)
		public boolean skipReturningBoolean() {
			this.calls.incrementAndGet();
			return true;
		}

		@FileLocked(value = "busy", timeout = "0s", onTimeout = OnTimeout.SKIP)
		public void skipReturningVoid() {
			this.calls.incrementAndGet();
		}

		@FileLocked("account-#{#id}")
		public List<String> byParameterName(long id) {
			return held();
		}

		@FileLocked("account-#{#p0}-#{#a1}")
		public List<String> byParameterIndex(String first, int second) {
			return held();
		}

		@FileLocked("#{#root.methodName}")
		public List<String> byMethodName() {
			return held();
		}

		@FileLocked("#{@lockNames.prefix()}-#{#id}")
		public List<String> byBean(String id) {
			return held();
		}

		@FileLocked("${app.prefix}-report")
		public List<String> byPlaceholder() {
			return held();
		}

		@FileLocked("${app.prefix}-#{#id}")
		public List<String> byPlaceholderAndExpression(String id) {
			return held();
		}

		@FileLocked("account-#{#id}")
		public List<String> nullable(@Nullable String id) {
			this.calls.incrementAndGet();
			return held();
		}

		@FileLocked("account-#{T(Integer).parseInt(#id)}")
		public List<String> parsed(String id) {
			this.calls.incrementAndGet();
			return held();
		}

		@FileLocked("#{#id}")
		public List<String> blank(String id) {
			this.calls.incrementAndGet();
			return held();
		}

		public List<String> selfInvocation() {
			return byMethodName();
		}

		List<String> held() {
			return HeldLocks.ofCurrentThread(this.manager);
		}

		DefaultLockManager manager() {
			return this.manager;
		}

		int calls() {
			return this.calls.get();
		}

	}

	/**
	 * Gives lock names to expressions as {@code @lockNames}.
	 */
	static class LockNames {

		public String prefix() {
			return "tenant";
		}

	}

	@FileLocked("whole-class")
	static class WholeClass {

		final DefaultLockManager manager;

		WholeClass(DefaultLockManager manager) {
			this.manager = manager;
		}

		public List<String> first() {
			return HeldLocks.ofCurrentThread(this.manager);
		}

		@FileLocked("own")
		public List<String> second() {
			return HeldLocks.ofCurrentThread(this.manager);
		}

	}

	interface Accounts {

		@FileLocked("account-#{#id}")
		List<String> onInterface(long id);

		List<String> onImplementation();

	}

	static class DefaultAccounts implements Accounts {

		final DefaultLockManager manager;

		DefaultAccounts(DefaultLockManager manager) {
			this.manager = manager;
		}

		@Override
		public List<String> onInterface(long id) {
			return HeldLocks.ofCurrentThread(this.manager);
		}

		@Override
		@FileLocked("accounts")
		public List<String> onImplementation() {
			return HeldLocks.ofCurrentThread(this.manager);
		}

	}

}
