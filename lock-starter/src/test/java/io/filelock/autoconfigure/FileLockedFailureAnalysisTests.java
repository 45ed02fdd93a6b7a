package io.filelock.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.filelock.FileLocked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invalid {@code @FileLocked} fails the startup, with a failure analysis naming the
 * class, the method and what is wrong.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileLockedFailureAnalysisTests {

	@TempDir
	Path directory;

	@Test
	void timeoutThatIsNotADuration() {
		assertThat(analysisOf(BadTimeout.class).getDescription()).isEqualTo("@FileLocked on "
				+ BadTimeout.class.getName() + ".run() is invalid: timeout 'soon' is not a duration; "
				+ "use for example \"500ms\", \"5s\", \"PT5S\" or \"0s\", or leave it empty for the configured timeout.");
	}

	@Test
	void timeoutPlaceholderResolvingToNoDuration() {
		assertThat(analysisOf(BadTimeoutPlaceholder.class, "app.timeout=10 minutes").getDescription())
			.isEqualTo("@FileLocked on " + BadTimeoutPlaceholder.class.getName()
					+ ".run() is invalid: timeout '${app.timeout}' (resolved to '10 minutes') is not a duration; "
					+ "use for example \"500ms\", \"5s\", \"PT5S\" or \"0s\", or leave it empty for the configured timeout.");
	}

	@Test
	void timeoutWithoutAUnit() {
		assertThat(analysisOf(TimeoutWithoutUnit.class).getDescription()).isEqualTo("@FileLocked on "
				+ TimeoutWithoutUnit.class.getName() + ".run() is invalid: timeout '2' has no unit; write for example "
				+ "\"2s\" or \"2ms\" (without one it would be read as milliseconds).");
	}

	@Test
	void negativeTimeout() {
		assertThat(analysisOf(NegativeTimeout.class).getDescription()).isEqualTo("@FileLocked on "
				+ NegativeTimeout.class.getName()
				+ ".run() is invalid: timeout '-1s' is negative; use zero (a single attempt) or a positive duration.");
	}

	@Test
	void unresolvablePlaceholderInName() {
		assertThat(analysisOf(MissingPlaceholder.class).getDescription()).startsWith("@FileLocked on "
				+ MissingPlaceholder.class.getName() + ".run() is invalid: lock name '${app.missing}-job': ")
			.contains("app.missing");
	}

	@Test
	void invalidExpressionInName() {
		FailureAnalysis analysis = analysisOf(BadExpression.class);
		assertThat(analysis.getDescription()).startsWith("@FileLocked on " + BadExpression.class.getName()
				+ ".run(String) is invalid: lock name expression 'account-#{#id +}' cannot be parsed: ");
		assertThat(analysis.getAction())
			.isEqualTo("Correct the @FileLocked annotation of " + BadExpression.class.getName() + ".run(String).");
	}

	@Test
	void futureIsRefused() {
		assertThat(analysisOf(ReturnsFuture.class).getDescription()).isEqualTo("@FileLocked on "
				+ ReturnsFuture.class.getName() + ".run() is invalid: it returns "
				+ "java.util.concurrent.Future, whose work may go on after the method returns, so the lock "
				+ "would be released too early; lock inside the asynchronous work, or return its result synchronously.");
	}

	@Test
	void flowPublisherIsRefused() {
		assertThat(analysisOf(ReturnsPublisher.class).getDescription())
			.contains(".run() is invalid: it returns java.util.concurrent.Flow$Publisher, whose work may go on");
	}

	@Test
	void everyMethodIsCheckedNotOnlyTheFirst() {
		assertThat(analysisOf(SecondMethodInvalid.class).getDescription())
			.startsWith("@FileLocked on " + SecondMethodInvalid.class.getName() + ".second() is invalid: timeout 'x'");
	}

	private FailureAnalysis analysisOf(Class<?> beanClass, String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FileLockAutoConfiguration.class))
			.withPropertyValues("file-lock.directory=" + this.directory)
			.withPropertyValues(properties)
			.withBean(beanClass)
			.run((context) -> {
				assertThat(context).hasFailed();
				analysis[0] = FailureAnalyses.analyze(context.getStartupFailure());
			});
		return analysis[0];
	}

	static class BadTimeout {

		@FileLocked(value = "job", timeout = "soon")
		public void run() {
		}

	}

	static class BadTimeoutPlaceholder {

		@FileLocked(value = "job", timeout = "${app.timeout}")
		public void run() {
		}

	}

	static class TimeoutWithoutUnit {

		@FileLocked(value = "job", timeout = "2")
		public void run() {
		}

	}

	static class NegativeTimeout {

		@FileLocked(value = "job", timeout = "-1s")
		public void run() {
		}

	}

	static class MissingPlaceholder {

		@FileLocked("${app.missing}-job")
		public void run() {
		}

	}

	static class BadExpression {

		@FileLocked("account-#{#id +}")
		public void run(String id) {
		}

	}

	static class ReturnsFuture {

		@FileLocked("job")
		public Future<String> run() {
			return CompletableFuture.completedFuture("done");
		}

	}

	static class ReturnsPublisher {

		@FileLocked("job")
		public java.util.concurrent.Flow.Publisher<String> run() {
			return (subscriber) -> {
			};
		}

	}

	static class SecondMethodInvalid {

		@FileLocked("job")
		public void first() {
		}

		@FileLocked(value = "job", timeout = "x")
		public void second() {
		}

	}

}
