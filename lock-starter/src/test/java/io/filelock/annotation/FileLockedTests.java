package io.filelock.annotation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockRequest;
import io.filelock.LockTimeoutException;
import io.filelock.annotation.LockedServices.Accounts;
import io.filelock.annotation.LockedServices.DefaultAccounts;
import io.filelock.annotation.LockedServices.LockNames;
import io.filelock.annotation.LockedServices.Reports;
import io.filelock.annotation.LockedServices.WholeClass;
import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.engine.DefaultLockManager;
import io.filelock.spi.LockListener;
import io.filelock.spi.LockListener.AcquireEvent;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * End-to-end tests of each {@code @FileLocked} attribute, through the auto-configured
 * advisor and lock manager.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class FileLockedTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FileLockAutoConfiguration.class))
			.withUserConfiguration(ServicesConfiguration.class)
			.withPropertyValues("file-lock.directory=" + this.directory, "app.prefix=billing",
					"app.lock-timeout=150ms", "file-lock.locks.busy.timeout=100ms");
	}

	@Test
	void lockIsHeldExclusivelyWhileTheMethodRuns() {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.exclusive()).containsExactly("report:EXCLUSIVE");
			assertThat(reports.exclusiveKeepsOthersOut()).isTrue();
			assertThat(reports.held()).isEmpty();
			assertThat(HeldLocks.availableToAnotherThread(reports.manager(), "report", LockMode.EXCLUSIVE)).isTrue();
		});
	}

	@Test
	void sharedModeLetsOtherSharedHoldersIn() {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.shared()).containsExactly("report:SHARED");
			assertThat(reports.sharedLetsInShared()).isTrue();
		});
	}

	@Test
	void timeoutAttributeBoundsTheWait() throws Exception {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			try (FlockProcess holder = FlockProcess.hold(reports.manager().resource("busy").file())) {
				assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(reports::timeout200ms)
					.withMessageContaining("(timeout 200 ms")
					.withMessageContaining("'busy'");
				assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(reports::isoTimeout)
					.withMessageContaining("(timeout 300 ms");
			}
		});
	}

	@Test
	void timeoutAttributeResolvesPlaceholders() throws Exception {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			try (FlockProcess holder = FlockProcess.hold(reports.manager().resource("busy").file())) {
				assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(reports::placeholderTimeout)
					.withMessageContaining("(timeout 150 ms");
			}
		});
	}

	@Test
	void emptyTimeoutIsTheConfiguredTimeoutOfTheLock() throws Exception {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			try (FlockProcess holder = FlockProcess.hold(reports.manager().resource("busy").file())) {
				assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(reports::configuredTimeout)
					.withMessageContaining("(timeout 100 ms");
			}
		});
	}

	@Test
	void skipDoesNotInvokeTheMethodWhileAnotherProcessHoldsTheLock(CapturedOutput output) throws Exception {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			try (FlockProcess holder = FlockProcess.hold(reports.manager().resource("busy").file())) {
				assertThat(reports.skipReturningObject()).isNull();
				assertThat(reports.skipReturningOptional()).isEmpty();
				assertThat(reports.skipReturningInt()).isZero();
				assertThat(reports.skipReturningBoolean()).isFalse();
				reports.skipReturningVoid();
				assertThat(reports.calls()).isEqualTo(0);
			}
			assertThat(reports.skipReturningOptional()).contains("ran");
			assertThat(reports.skipReturningInt()).isEqualTo(42);
			assertThat(reports.calls()).isEqualTo(2);
		});
		assertThat(output).containsOnlyOnce("Skipped " + Reports.class.getName() + ".skipReturningInt()")
			.contains("file lock 'busy' is held elsewhere (onTimeout = SKIP)")
			.doesNotContain("Timed out");
	}

	@Test
	void namesAreEvaluatedPerCallAgainstTheArguments() {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.byParameterName(42)).containsExactly("account-42:EXCLUSIVE");
			assertThat(reports.byParameterName(7)).containsExactly("account-7:EXCLUSIVE");
			assertThat(reports.byParameterIndex("a", 3)).containsExactly("account-a-3:EXCLUSIVE");
			assertThat(reports.byMethodName()).containsExactly("byMethodName:EXCLUSIVE");
			assertThat(reports.byBean("x")).containsExactly("tenant-x:EXCLUSIVE");
		});
	}

	@Test
	void listenersSeeTheTemplateSoThatMetricsStayBounded() {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			reports.byParameterName(1);
			reports.byParameterName(2);
			reports.byPlaceholderAndExpression("x");
			assertThat(context.getBean(RecordingListener.class).locks).containsExactly("account-#{#id}",
					"account-#{#id}", "billing-#{#id}");
		});
	}

	@Test
	void namesResolvePlaceholdersFromTheEnvironment() {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.byPlaceholder()).containsExactly("billing-report:EXCLUSIVE");
			assertThat(reports.byPlaceholderAndExpression("9")).containsExactly("billing-9:EXCLUSIVE");
		});
	}

	@Test
	void nameEvaluatingToNullFailsWithoutInvokingTheMethod() {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> reports.nullable(null))
				.withMessage("Lock name 'account-#{#id}' of " + Reports.class.getName()
						+ ".nullable(String): '#{#id}' evaluated to null; the method was not invoked");
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> reports.blank(" "))
				.withMessage("Lock name '#{#id}' of " + Reports.class.getName()
						+ ".blank(String) evaluated to a blank name; the method was not invoked");
			assertThat(reports.calls()).isEqualTo(0);
		});
	}

	@Test
	void nameExpressionThatFailsNamesTheLockAndTheMethodAndIsNotInvoked() {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.parsed("12")).containsExactly("account-12:EXCLUSIVE");
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> reports.parsed("abc"))
				.withMessage("Lock name 'account-#{T(Integer).parseInt(#id)}' of " + Reports.class.getName()
						+ ".parsed(String): '#{T(Integer).parseInt(#id)}' failed with java.lang.NumberFormatException: "
						+ "For input string: \"abc\"; the method was not invoked")
				.withCauseInstanceOf(NumberFormatException.class);
			assertThat(reports.calls()).isEqualTo(1);
		});
	}

	@Test
	void classLevelAnnotationLocksPublicMethodsUnlessTheMethodSaysOtherwise() {
		contextRunner().run((context) -> {
			WholeClass bean = context.getBean(WholeClass.class);
			assertThat(bean.first()).containsExactly("whole-class:EXCLUSIVE");
			assertThat(bean.second()).containsExactly("own:EXCLUSIVE");
		});
	}

	@Test
	void worksOnClassBasedProxies() {
		contextRunner().run((context) -> {
			Accounts accounts = context.getBean(Accounts.class);
			assertThat(AopUtils.isCglibProxy(accounts)).isTrue();
			assertThat(accounts.onInterface(5)).containsExactly("account-5:EXCLUSIVE");
			assertThat(accounts.onImplementation()).containsExactly("accounts:EXCLUSIVE");
		});
	}

	@Test
	void worksOnInterfaceBasedProxies() {
		contextRunner().withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			Accounts accounts = context.getBean(Accounts.class);
			assertThat(AopUtils.isJdkDynamicProxy(accounts)).isTrue();
			assertThat(accounts.onInterface(5)).containsExactly("account-5:EXCLUSIVE");
			assertThat(accounts.onImplementation()).containsExactly("accounts:EXCLUSIVE");
		});
	}

	@Test
	void worksWithoutSpringBootAopAutoConfiguration() {
		contextRunner().withPropertyValues("spring.aop.auto=false")
			.run((context) -> assertThat(context.getBean(Reports.class).exclusive())
				.containsExactly("report:EXCLUSIVE"));
	}

	/**
	 * Documents the limit shared with {@code @Transactional}: a call through
	 * {@code this} bypasses the proxy, so the called method is not locked.
	 */
	@Test
	void selfInvocationIsNotLocked() {
		contextRunner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.byMethodName()).containsExactly("byMethodName:EXCLUSIVE");
			assertThat(reports.selfInvocation()).isEmpty();
		});
	}

	@Test
	void locksThroughAUserLockManagerThatIsNotAFileLockManager() {
		contextRunner().withBean("userLockManager", LockManager.class, () -> new RecordingLockManager(this.directory))
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				assertThat(reports.exclusive()).containsExactly("report:EXCLUSIVE");
				assertThat(reports.byParameterName(3)).containsExactly("account-3:EXCLUSIVE");
				try (FlockProcess holder = FlockProcess.hold(reports.manager().resource("busy").file())) {
					assertThat(reports.skipReturningOptional()).isEmpty();
					assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(reports::timeout200ms);
				}
				assertThat(context.getBean(RecordingLockManager.class).calls).containsExactly("report EXCLUSIVE",
						"account-3 EXCLUSIVE", "busy EXCLUSIVE PT0S", "busy EXCLUSIVE PT0.2S");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ServicesConfiguration {

		@Bean
		Reports reports(LockManager lockManager) {
			return new Reports(fileLockManager(lockManager));
		}

		@Bean
		WholeClass wholeClass(LockManager lockManager) {
			return new WholeClass(fileLockManager(lockManager));
		}

		@Bean
		DefaultAccounts accounts(LockManager lockManager) {
			return new DefaultAccounts(fileLockManager(lockManager));
		}

		@Bean
		LockNames lockNames() {
			return new LockNames();
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		private static DefaultLockManager fileLockManager(LockManager lockManager) {
			return (lockManager instanceof RecordingLockManager recording) ? recording.delegate
					: (DefaultLockManager) lockManager;
		}

	}

	static class RecordingListener implements LockListener {

		final List<String> locks = new CopyOnWriteArrayList<>();

		@Override
		public void acquireFinished(AcquireEvent event) {
			this.locks.add(event.lock());
		}

	}

	/**
	 * A user's own lock manager: the plain interface, recording its calls.
	 */
	static class RecordingLockManager implements LockManager {

		final DefaultLockManager delegate;

		final List<String> calls = new CopyOnWriteArrayList<>();

		RecordingLockManager(Path directory) {
			this.delegate = (DefaultLockManager) LockManager.builder().directory(directory).build();
		}

		@Override
		public LockHandle acquire(LockRequest request) {
			record(request);
			return this.delegate.acquire(request);
		}

		@Override
		public Optional<LockHandle> tryAcquire(LockRequest request) {
			record(request);
			return this.delegate.tryAcquire(request);
		}

		private void record(LockRequest request) {
			this.calls.add(request.name() + " " + request.mode()
					+ ((request.timeout() != null) ? " " + request.timeout() : ""));
		}

	}

}
