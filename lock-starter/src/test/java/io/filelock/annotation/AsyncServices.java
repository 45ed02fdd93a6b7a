package io.filelock.annotation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import io.filelock.FileLocked;
import io.filelock.OnTimeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A bean with asynchronous {@code @FileLocked} methods: each returns the work the test
 * hands it, so that the test decides when that work ends, and counts its invocations.
 */
class AsyncServices {

	private final AtomicInteger invocations = new AtomicInteger();

	/**
	 * How many times an annotated method ran; through the proxy, which has no fields.
	 */
	public int invocations() {
		return this.invocations.get();
	}

	@FileLocked("async")
	public CompletableFuture<String> future(CompletableFuture<String> work) {
		this.invocations.incrementAndGet();
		return work;
	}

	@FileLocked("async")
	public CompletionStage<String> stage(CompletionStage<String> work) {
		this.invocations.incrementAndGet();
		return work;
	}

	@FileLocked("async")
	public CompletableFuture<String> futureThrowing() {
		this.invocations.incrementAndGet();
		throw new IllegalStateException("thrown before any stage");
	}

	@FileLocked(value = "busy", timeout = "0s", onTimeout = OnTimeout.SKIP)
	public CompletableFuture<String> futureSkipped() {
		this.invocations.incrementAndGet();
		return CompletableFuture.completedFuture("ran");
	}

	@FileLocked(value = "busy", timeout = "100ms")
	public CompletableFuture<String> futureTimingOut() {
		this.invocations.incrementAndGet();
		return CompletableFuture.completedFuture("ran");
	}

	@FileLocked("async")
	public Mono<String> mono(Mono<String> work) {
		this.invocations.incrementAndGet();
		return work;
	}

	@FileLocked("async")
	public Flux<String> flux(Flux<String> work) {
		this.invocations.incrementAndGet();
		return work;
	}

	@FileLocked(value = "busy", timeout = "0s", onTimeout = OnTimeout.SKIP)
	public Mono<String> monoSkipped() {
		this.invocations.incrementAndGet();
		return Mono.just("ran");
	}

	@FileLocked(value = "busy", timeout = "0s", onTimeout = OnTimeout.SKIP)
	public Flux<String> fluxSkipped() {
		this.invocations.incrementAndGet();
		return Flux.just("ran");
	}

	@FileLocked(value = "busy", timeout = "100ms")
	public Mono<String> monoTimingOut() {
		this.invocations.incrementAndGet();
		return Mono.just("ran");
	}

	@FileLocked(value = "busy", timeout = "30s")
	public Mono<String> monoWaiting() {
		this.invocations.incrementAndGet();
		return Mono.just("ran");
	}

}
