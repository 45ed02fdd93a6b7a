package io.filelock.annotation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.filelock.FileLocked;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockTimeoutException;
import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.engine.DefaultLockManager;
import io.filelock.testsupport.FlockProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code @FileLocked} methods that return a {@code CompletableFuture}, a
 * {@code CompletionStage}, a {@code Mono} or a {@code Flux} hold their lock until their
 * work ends, which another process sees: {@code flock(1)} probes the lock file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
@SuppressWarnings("try") // resources held for their scope; close() may wait for a process
class AsyncFileLockedTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private void run(LockedTest test) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FileLockAutoConfiguration.class))
			.withBean(AsyncServices.class)
			.withPropertyValues("file-lock.directory=" + this.directory)
			.run((context) -> test.run(new Locked(context)));
	}

	@FunctionalInterface
	private interface LockedTest {

		void run(Locked locked) throws Exception;

	}

	// ---- CompletableFuture and CompletionStage ----

	@Test
	void aFutureHoldsTheLockAcrossTheAsynchronousBoundaryUntilItCompletes() {
		run((locked) -> {
			CompletableFuture<String> work = new CompletableFuture<>();
			CompletableFuture<String> result = locked.services.future(work);
			assertThat(locked.freeForAnotherProcess("async")).isFalse();
			CompletableFuture.runAsync(() -> work.complete("done"));
			assertThat(result).succeedsWithin(PATIENCE).isEqualTo("done");
			assertThat(locked.freeForAnotherProcess("async")).isTrue();
		});
	}

	@Test
	void aStageCompletedExceptionallyReleasesTheLockAndPassesTheSameFailureOn() {
		run((locked) -> {
			CompletableFuture<String> work = new CompletableFuture<>();
			CompletionStage<String> result = locked.services.stage(work);
			assertThat(locked.freeForAnotherProcess("async")).isFalse();
			IllegalStateException failure = new IllegalStateException("work failed");
			CompletableFuture.runAsync(() -> work.completeExceptionally(failure));
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> result.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
				.havingCause()
				.isSameAs(failure);
			assertThat(locked.freeForAnotherProcess("async")).isTrue();
		});
	}

	@Test
	void aMethodThatThrowsInsteadOfReturningAStageReleasesTheLockAndThrows() {
		run((locked) -> {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(locked.services::futureThrowing)
				.withMessage("thrown before any stage");
			assertThat(locked.freeForAnotherProcess("async")).isTrue();
		});
	}

	@Test
	void whatTheCallerChainsOnTheStageRunsOnceTheLockIsReleased() {
		run((locked) -> {
			CompletableFuture<String> work = new CompletableFuture<>();
			CompletableFuture<Boolean> freeInCallback = locked.services.future(work)
				.thenApply((value) -> HeldLocks.availableToAnotherThread(locked.manager, "async", LockMode.EXCLUSIVE));
			work.complete("done");
			assertThat(freeInCallback).succeedsWithin(PATIENCE).isEqualTo(true);
		});
	}

	@Test
	void cancellingTheReturnedStageKeepsTheLockUntilTheMethodsOwnStageCompletes() {
		run((locked) -> {
			CompletableFuture<String> work = new CompletableFuture<>();
			CompletableFuture<String> result = locked.services.future(work);
			result.cancel(true);
			assertThat(locked.freeForAnotherProcess("async")).isFalse();
			work.complete("done");
			assertThat(locked.freeForAnotherProcess("async")).isTrue();
		});
	}

	@Test
	void aSkippedFutureIsCompleteWithNullAndTheMethodIsNotInvoked(CapturedOutput output) throws Exception {
		run((locked) -> {
			try (FlockProcess holder = FlockProcess.hold(locked.file("busy"))) {
				assertThat(locked.services.futureSkipped()).isCompletedWithValue(null);
				assertThat(locked.services.invocations()).isEqualTo(0);
			}
			assertThat(locked.services.futureSkipped()).isCompletedWithValue("ran");
		});
		assertThat(output).contains("Skipped " + AsyncServices.class.getName()
				+ ".futureSkipped(): file lock 'busy' is held elsewhere (onTimeout = SKIP)");
	}

	@Test
	void aTimeoutFailsTheReturnedFutureAndTheMethodIsNotInvoked() throws Exception {
		run((locked) -> {
			try (FlockProcess holder = FlockProcess.hold(locked.file("busy"))) {
				assertThat(locked.services.futureTimingOut()).failsWithin(PATIENCE)
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(LockTimeoutException.class)
					.withMessageContaining("(timeout 100 ms");
				assertThat(locked.services.invocations()).isEqualTo(0);
			}
		});
	}

	// ---- Mono and Flux ----

	@Test
	void aMonoTakesTheLockOnSubscriptionAndHoldsItUntilItCompletes() {
		run((locked) -> {
			Sinks.One<String> work = Sinks.one();
			Mono<String> result = locked.services.mono(work.asMono());
			assertThat(locked.services.invocations()).isEqualTo(0);
			assertThat(locked.freeForAnotherProcess("async")).isTrue();
			StepVerifier.create(result).then(() -> {
				assertThat(locked.services.invocations()).isEqualTo(1);
				assertThat(locked.freeForAnotherProcess("async")).isFalse();
				work.tryEmitValue("done");
			}).expectNext("done").expectComplete().verify(PATIENCE);
			assertThat(locked.freeForAnotherProcess("async")).isTrue();
		});
	}

	@Test
	void anErrorOfTheMonoReleasesTheLock() {
		run((locked) -> {
			Sinks.One<String> work = Sinks.one();
			StepVerifier.create(locked.services.mono(work.asMono()))
				.then(() -> work.tryEmitError(new IllegalStateException("work failed")))
				.expectErrorMessage("work failed")
				.verify(PATIENCE);
			assertThat(locked.freeForAnotherProcess("async")).isTrue();
		});
	}

	@Test
	void cancellingTheSubscriptionReleasesTheLock() {
		run((locked) -> {
			Disposable subscription = locked.services.mono(Mono.never()).subscribe();
			assertThat(locked.freeForAnotherProcess("async")).isFalse();
			subscription.dispose();
			await().atMost(PATIENCE).until(() -> locked.freeForAnotherProcess("async"));
		});
	}

	@Test
	void aSecondSubscriptionTakesTheLockAgainAndRunsTheMethodAgain() {
		run((locked) -> {
			AtomicReference<Sinks.One<String>> work = new AtomicReference<>();
			Mono<String> result = locked.services.mono(Mono.defer(() -> work.get().asMono()));
			for (String value : List.of("first", "second")) {
				work.set(Sinks.one());
				StepVerifier.create(result).then(() -> {
					assertThat(locked.freeForAnotherProcess("async")).isFalse();
					work.get().tryEmitValue(value);
				}).expectNext(value).verifyComplete();
				assertThat(locked.freeForAnotherProcess("async")).isTrue();
			}
			assertThat(locked.services.invocations()).isEqualTo(2);
		});
	}

	@Test
	void aFluxHoldsTheLockFromSubscriptionUntilItsLastElement() {
		run((locked) -> {
			Sinks.Many<String> work = Sinks.many().unicast().onBackpressureBuffer();
			StepVerifier.create(locked.services.flux(work.asFlux())).then(() -> work.tryEmitNext("first"))
				.expectNext("first")
				.then(() -> {
					assertThat(locked.freeForAnotherProcess("async")).isFalse();
					work.tryEmitNext("second");
					work.tryEmitComplete();
				})
				.expectNext("second")
				.verifyComplete();
			assertThat(locked.freeForAnotherProcess("async")).isTrue();
		});
	}

	@Test
	void skippedMonosAndFluxesAreEmptyAndTheMethodIsNotInvoked() throws Exception {
		run((locked) -> {
			try (FlockProcess holder = FlockProcess.hold(locked.file("busy"))) {
				StepVerifier.create(locked.services.monoSkipped()).verifyComplete();
				StepVerifier.create(locked.services.fluxSkipped()).verifyComplete();
				assertThat(locked.services.invocations()).isEqualTo(0);
			}
			StepVerifier.create(locked.services.fluxSkipped()).expectNext("ran").verifyComplete();
		});
	}

	@Test
	void aTimeoutIsTheMonosError() throws Exception {
		run((locked) -> {
			try (FlockProcess holder = FlockProcess.hold(locked.file("busy"))) {
				StepVerifier.create(locked.services.monoTimingOut())
					.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LockTimeoutException.class)
						.hasMessageContaining("(timeout 100 ms"))
					.verify(PATIENCE);
				assertThat(locked.services.invocations()).isEqualTo(0);
			}
		});
	}

	@Test
	void aSubscriptionFromANonBlockingThreadWaitsElsewhereAndItsCancellationEndsTheWait() throws Exception {
		run((locked) -> {
			try (FlockProcess holder = FlockProcess.hold(locked.file("busy"))) {
				Disposable subscription = locked.services.monoWaiting().subscribeOn(Schedulers.parallel()).subscribe();
				await().atMost(PATIENCE).until(() -> locked.manager.pendingCount() == 1);
				assertThat(locked.manager.snapshot()).singleElement()
					.satisfies((lock) -> assertThat(lock.waiting()).singleElement()
						.satisfies((thread) -> assertThat(thread).startsWith("boundedElastic-")));
				subscription.dispose();
				// well within the 30 s the wait would last, were it not ended
				await().atMost(Duration.ofSeconds(10)).until(() -> locked.manager.pendingCount() == 0);
				assertThat(locked.manager.activeCount()).isZero();
				assertThat(locked.services.invocations()).isEqualTo(0);
			}
			assertThat(locked.freeForAnotherProcess("busy")).isTrue();
		});
	}

	// ---- other asynchronous types ----

	@Test
	void publishersOtherThanMonoAndFluxAreRefusedAtStartup() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FileLockAutoConfiguration.class))
			.withBean(ReturnsPublisher.class)
			.withPropertyValues("file-lock.directory=" + this.directory)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidFileLockedException.class)
				.hasMessage("@FileLocked on " + ReturnsPublisher.class.getName() + ".run() is invalid: it returns "
						+ "org.reactivestreams.Publisher, whose work may go on after the method returns, so the lock "
						+ "would be released too early; lock inside the asynchronous work, or return its result "
						+ "synchronously"));
	}

	static class ReturnsPublisher {

		@FileLocked("job")
		public Publisher<String> run() {
			return Flux.just("done");
		}

	}

	/**
	 * The bean under test and what tells whether its locks are free.
	 */
	private static final class Locked {

		final AsyncServices services;

		final DefaultLockManager manager;

		Locked(AssertableApplicationContext context) {
			this.services = context.getBean(AsyncServices.class);
			this.manager = (DefaultLockManager) context.getBean(LockManager.class);
		}

		Path file(String name) {
			return this.manager.resource(name).file();
		}

		/**
		 * Whether another process could take the lock exclusively now.
		 */
		boolean freeForAnotherProcess(String name) {
			try {
				return FlockProcess.canLock(file(name), LockMode.EXCLUSIVE);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
