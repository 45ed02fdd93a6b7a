package io.filelock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method while holding a file lock, so that it runs in one thread of
 * one process at a time (or, with {@link LockMode#SHARED}, never alongside an exclusive
 * holder).
 * <p>
 * The name is a template: {@code ${…}} placeholders are resolved from the environment
 * once, and {@code #{…}} parts are SpEL evaluated per call against the method's
 * arguments ({@code #id}, {@code #p0}, {@code #root.methodName}, {@code @bean}):
 * {@code @FileLocked("account-#{#id}")}.
 * <p>
 * Like {@code @Transactional}, the lock is applied by a Spring proxy: a call from one
 * method of a bean to another method of the same bean is not locked.
 * <p>
 * A method that returns a {@code CompletionStage} or {@code CompletableFuture} holds the
 * lock until that stage completes: the calling thread takes it before the method runs,
 * and the caller gets a stage that completes once the lock is released (failed if the
 * lock was not acquired; complete with {@code null} if the call was skipped). One that
 * returns a Reactor {@code Mono} or {@code Flux} holds it for each subscription, from
 * the subscription until it completes, fails or is cancelled, and never waits on a
 * non-blocking thread (skipped, it is empty). Such holds are
 * {@link LockRequest#detached() detached}: they do not re-enter a lock the caller holds.
 * Methods returning other asynchronous types ({@code Future}, other Reactive Streams
 * publishers, a Kotlin {@code Flow}) are refused at startup.
 *
 * <pre class="code">
 * &#64;Scheduled(cron = "0 0 2 * * *")
 * &#64;FileLocked(value = "nightly-report", timeout = "0s", onTimeout = OnTimeout.SKIP)
 * void nightlyReport() { … }
 * </pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FileLocked {

	/**
	 * The lock name, a template that may contain {@code ${…}} and {@code #{…}}.
	 * @return the name template
	 */
	String value();

	/**
	 * Whether the method excludes every other holder or only exclusive ones.
	 * @return the mode, {@link LockMode#EXCLUSIVE} by default
	 */
	LockMode mode() default LockMode.EXCLUSIVE;

	/**
	 * How long to wait: {@code "500ms"}, {@code "5s"}, {@code "PT5S"}, {@code "0s"} (one
	 * attempt) or a {@code ${…}} placeholder. Empty means the configured timeout for this
	 * lock.
	 * @return the timeout, empty by default
	 */
	String timeout() default "";

	/**
	 * What to do when the lock is still busy at the timeout.
	 * @return {@link OnTimeout#THROW} by default
	 */
	OnTimeout onTimeout() default OnTimeout.THROW;

}
