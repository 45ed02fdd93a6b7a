package io.filelock.engine.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockInterruptedException;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;
import io.filelock.engine.DefaultLockManager;
import io.filelock.testsupport.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random sequences of tryAcquire, acquire with a short timeout, a blocking acquire,
 * release and interrupt, by two threads of this JVM and one {@link ModelProcess}, checked
 * step by step against a model of who may hold what. A failing sequence is shrunk (chunks,
 * then single steps, removed while it still fails) and reported with its seed.
 * <p>
 * jqwik 1.10.1 does run on this JUnit Platform 6, but since 1.10 it carries a clause
 * asking that it not be used by AI coding agents, which wrote this test; so the generator
 * is a seeded {@link Random} and the shrinking step is {@link #shrink}. Size:
 * {@code reliability.model.runs}, {@code reliability.seed}.
 */
class LockModelTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final int THREADS = 2;

	private static final int CHILD = THREADS;

	private static final String[] NAMES = { "a", "b" };

	@TempDir
	static Path directory;

	private static ChildJvm child;

	private static int executions;

	@BeforeAll
	static void startSecondProcess() throws Exception {
		child = ChildJvm.start(ModelProcess.class);
	}

	@AfterAll
	static void stopSecondProcess() throws Exception {
		child.close();
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void randomSequencesAgreeWithTheModel() throws Exception {
		check(LockStrategy.FLOCK, 60, 25);
	}

	@ParameterizedTest
	@EnumSource(value = LockStrategy.class, names = { "FLOCK", "FCNTL", "BOTH" })
	@Tag("reliability")
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void longModelRun(LockStrategy strategy) throws Exception {
		check(strategy, Integer.getInteger("reliability.model.runs", 300), 40);
	}

	@Test
	void shrinkingFindsAMinimalFailingSequence() {
		// fails when a 7 comes somewhere after a 3
		Predicate<List<Integer>> fails = (steps) -> {
			int three = steps.indexOf(3);
			return three >= 0 && steps.subList(three, steps.size()).contains(7);
		};
		List<Integer> steps = new ArrayList<>(IntStream.range(0, 60).map((i) -> i % 10).boxed().toList());
		assertThat(shrink(steps, fails)).containsExactly(3, 7);
	}

	private void check(LockStrategy strategy, int runs, int length) throws Exception {
		long seed = Long.getLong("reliability.seed", System.nanoTime());
		int steps = 0;
		for (int run = 0; run < runs; run++) {
			Random random = new Random(seed + run);
			List<Op> ops = IntStream.range(0, length).mapToObj((i) -> Op.random(random)).toList();
			steps += ops.size();
			Optional<String> failure = execute(strategy, ops);
			if (failure.isPresent()) {
				System.out.println("Sequence " + run + " of seed " + seed + " failed, shrinking it: " + failure.get());
				List<Op> minimal = shrink(ops, (candidate) -> execute(strategy, candidate).isPresent());
				throw new AssertionError("Sequence " + run + " of seed " + seed + " (" + strategy + ") broke the model: "
						+ failure.get() + "\nshrunk from " + ops.size() + " to " + minimal.size() + " steps: " + minimal
						+ "\nwhich fails with: " + execute(strategy, minimal).orElse("(flaky: passed when re-run)"));
			}
		}
		System.out.printf("Model %s (seed %d): %d sequences, %d steps, all agreed with the model%n", strategy, seed,
				runs, steps);
	}

	/**
	 * Removes chunks of halving size, then single steps, as long as the rest still fails.
	 */
	static <T> List<T> shrink(List<T> failing, Predicate<List<T>> fails) {
		List<T> current = failing;
		boolean progress = true;
		while (progress) {
			progress = false;
			for (int chunk = Math.max(current.size() / 2, 1); chunk >= 1; chunk /= 2) {
				for (int i = 0; i + chunk <= current.size();) {
					List<T> candidate = new ArrayList<>(current.subList(0, i));
					candidate.addAll(current.subList(i + chunk, current.size()));
					if (fails.test(candidate)) {
						current = candidate;
						progress = true;
					}
					else {
						i += chunk;
					}
				}
			}
		}
		return current;
	}

	private static Optional<String> execute(LockStrategy strategy, List<Op> ops) {
		try (Run run = new Run(strategy)) {
			for (int i = 0; i < ops.size(); i++) {
				String failure;
				try {
					failure = run.step(ops.get(i));
				}
				catch (TimeoutException ex) {
					failure = "no outcome within " + PATIENCE + " (holders " + run.holds + ", " + run.manager.snapshot() + ")";
				}
				if (failure != null) {
					return Optional.of("step " + i + " " + ops.get(i) + ": " + failure);
				}
			}
			return Optional.empty();
		}
		catch (Exception ex) {
			return Optional.of("harness failure " + ex);
		}
	}

	enum Kind {

		TRY, ACQUIRE, WAIT, RELEASE, INTERRUPT

	}

	record Op(Kind kind, int actor, String name, LockMode mode) {

		static Op random(Random random) {
			Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
			int actor = random.nextInt(THREADS + 1);
			if (kind == Kind.WAIT && actor == CHILD) {
				kind = Kind.ACQUIRE;
			}
			return new Op(kind, actor, NAMES[random.nextInt(NAMES.length)],
					random.nextBoolean() ? LockMode.EXCLUSIVE : LockMode.SHARED);
		}

		@Override
		public String toString() {
			String who = (this.actor == CHILD) ? "process" : "thread" + this.actor;
			return who + " " + this.kind + ((this.kind == Kind.INTERRUPT) ? "" : " " + this.name)
					+ ((this.kind == Kind.RELEASE || this.kind == Kind.INTERRUPT) ? "" : " " + this.mode);
		}

	}

	private record Hold(LockMode mode, int count) {
	}

	private record Waiter(int actor, String name, LockMode mode, Future<String> result) {
	}

	/**
	 * One execution: a fresh lock directory and manager, the model, the actors' handles.
	 */
	private static final class Run implements AutoCloseable {

		private final Map<String, Map<Integer, Hold>> holds = new HashMap<>();

		private final List<ExecutorService> threads = new ArrayList<>();

		private final List<AtomicReference<Thread>> threadOf = new ArrayList<>();

		private final Map<Integer, Map<String, Deque<LockHandle>>> handles = new HashMap<>();

		private final DefaultLockManager manager;

		private Waiter waiter;

		/**
		 * A lock released while a thread of this JVM waits for it: until that thread has woken
		 * and looked again, a newcomer may take it.
		 */
		private String overtakable;

		Run(LockStrategy strategy) throws Exception {
			Path locks = directory.resolve("run-" + (++executions));
			this.manager = (DefaultLockManager) LockManager.builder().directory(locks).strategy(strategy).build();
			for (int t = 0; t < THREADS; t++) {
				AtomicReference<Thread> thread = new AtomicReference<>();
				this.threadOf.add(thread);
				int number = t;
				this.threads.add(Executors.newSingleThreadExecutor((task) -> {
					Thread created = new Thread(task, "model-thread" + number);
					thread.set(created);
					return created;
				}));
			}
			child.send("reset " + locks + " " + strategy);
			child.expect("reset", Duration.ofSeconds(60));
		}

		/**
		 * @return a description of the disagreement, or null
		 */
		String step(Op op) throws Exception {
			// kept while the same thread waits: whether it has looked again since is not observable
			if (this.waiter == null || !this.waiter.name().equals(this.overtakable)) {
				this.overtakable = null;
			}
			String overtakable = this.overtakable;
			if (this.waiter != null && this.waiter.actor() == op.actor()) {
				return null; // that thread is blocked in its acquisition
			}
			String outcome;
			if (op.kind() == Kind.INTERRUPT) {
				if (this.waiter == null) {
					return null;
				}
				this.threadOf.get(this.waiter.actor()).get().interrupt();
				outcome = this.waiter.result().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
				this.waiter = null;
				return outcome.equals("interrupted, flag kept") ? admitWaiter() : "waiter ended " + outcome;
			}
			if (op.kind() == Kind.RELEASE) {
				release(op);
				String failure = admitWaiter();
				if (this.waiter != null && this.waiter.name().equals(op.name())) {
					// Until the waiting thread has woken and looked again, a newcomer may take what was
					// released, as with a ReentrantLock that is not fair.
					this.overtakable = op.name();
				}
				return failure;
			}
			if (op.kind() == Kind.WAIT && this.waiter != null) {
				op = new Op(Kind.ACQUIRE, op.actor(), op.name(), op.mode()); // one waiter at a time
			}
			String expected = predict(op.actor(), op.name(), op.mode());
			if (op.kind() == Kind.WAIT && expected.equals("busy")) {
				Future<String> result = submit(op, Duration.ofSeconds(60));
				String thread = "model-thread" + op.actor();
				// an interrupt that came before the thread is inside the manager would be cleared by its pool
				await().atMost(Duration.ofSeconds(30))
					.until(() -> result.isDone() || this.manager.snapshot()
						.stream()
						.anyMatch((lock) -> lock.waiting().contains(thread)));
				this.waiter = new Waiter(op.actor(), op.name(), op.mode(), result);
				return admitWaiter();
			}
			outcome = (op.actor() == CHILD) ? childAcquire(op) : submit(op, null).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			if (outcome.equals("acquired") && expected.equals("busy") && op.name().equals(overtakable)
					&& predict(op.actor(), op.name(), op.mode(), false).equals("acquired")) {
				expected = outcome;
			}
			if (!outcome.equals(expected)) {
				return "expected " + expected + ", got " + outcome + " (holders " + this.holds + ")";
			}
			if (outcome.equals("acquired")) {
				hold(op.actor(), op.name(), op.mode());
			}
			return admitWaiter();
		}

		/**
		 * What the model says a request gets: acquired, busy or refused (upgrade).
		 */
		private String predict(int actor, String name, LockMode mode) {
			return predict(actor, name, mode, true);
		}

		private String predict(int actor, String name, LockMode mode, boolean waiterAhead) {
			Map<Integer, Hold> holders = this.holds.getOrDefault(name, Map.of());
			Hold own = holders.get(actor);
			if (own != null) {
				return (own.mode() == LockMode.SHARED && mode == LockMode.EXCLUSIVE) ? "refused" : "acquired";
			}
			if (waiterAhead && actor != CHILD && this.waiter != null && this.waiter.name().equals(name)
					&& this.waiter.actor() != actor) {
				return "busy"; // a thread of this JVM is ahead in line
			}
			boolean compatible = holders.entrySet()
				.stream()
				.filter((entry) -> entry.getKey() != actor)
				.allMatch((entry) -> mode == LockMode.SHARED && entry.getValue().mode() == LockMode.SHARED);
			return compatible ? "acquired" : "busy";
		}

		/**
		 * The waiting thread must get the lock as soon as the model lets it, and not before.
		 */
		private String admitWaiter() throws Exception {
			if (this.waiter == null) {
				return null;
			}
			Waiter waiting = this.waiter;
			this.waiter = null;
			String expected = predict(waiting.actor(), waiting.name(), waiting.mode());
			this.waiter = waiting;
			if (expected.equals("busy")) {
				return waiting.result().isDone() ? "waiter ended " + waiting.result().get() + " while busy" : null;
			}
			String outcome = waiting.result().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			this.waiter = null;
			if (!outcome.equals(expected)) {
				return "waiter expected " + expected + ", got " + outcome;
			}
			hold(waiting.actor(), waiting.name(), waiting.mode());
			return null;
		}

		private Future<String> submit(Op op, Duration wait) {
			int actor = op.actor();
			return this.threads.get(actor).submit(() -> {
				try {
					Optional<LockHandle> handle = switch (op.kind()) {
						case TRY -> this.manager.tryAcquire(op.name(), op.mode());
						case ACQUIRE -> Optional.of(this.manager.acquire(op.name(), op.mode(), Duration.ofMillis(20)));
						default -> Optional.of(this.manager.acquire(op.name(), op.mode(), (wait != null) ? wait : Duration.ofMillis(20)));
					};
					if (handle.isEmpty()) {
						return "busy";
					}
					synchronized (this.handles) {
						this.handles.computeIfAbsent(actor, (key) -> new HashMap<>())
							.computeIfAbsent(op.name(), (key) -> new ArrayDeque<>())
							.push(handle.get());
					}
					return "acquired";
				}
				catch (LockTimeoutException ex) {
					return "busy";
				}
				catch (LockInterruptedException ex) {
					return Thread.currentThread().isInterrupted() ? "interrupted, flag kept" : "interrupted, flag lost";
				}
				catch (LockException ex) {
					return ex.getMessage().contains("upgrade") ? "refused" : "error " + ex.getMessage();
				}
			});
		}

		private String childAcquire(Op op) throws InterruptedException {
			child.send(((op.kind() == Kind.TRY) ? "try " : "acquire ") + op.name() + " " + op.mode()
					+ ((op.kind() == Kind.TRY) ? "" : " 20"));
			String answer = child.nextLine(Duration.ofSeconds(30));
			return (answer.startsWith("error") && answer.contains("upgrade")) ? "refused" : answer;
		}

		private void hold(int actor, String name, LockMode mode) {
			this.holds.computeIfAbsent(name, (key) -> new HashMap<>())
				.merge(actor, new Hold(mode, 1), (held, added) -> new Hold(held.mode(), held.count() + 1));
		}

		private void release(Op op) throws Exception {
			Map<Integer, Hold> holders = this.holds.get(op.name());
			Hold hold = (holders != null) ? holders.get(op.actor()) : null;
			if (hold == null) {
				return;
			}
			if (hold.count() == 1) {
				holders.remove(op.actor());
			}
			else {
				holders.put(op.actor(), new Hold(hold.mode(), hold.count() - 1));
			}
			if (op.actor() == CHILD) {
				child.send("release " + op.name());
				child.expect("released", Duration.ofSeconds(30));
				return;
			}
			LockHandle handle;
			synchronized (this.handles) {
				handle = this.handles.get(op.actor()).get(op.name()).pop();
			}
			this.threads.get(op.actor()).submit(handle::close).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}

		@Override
		public void close() throws ExecutionException, TimeoutException {
			if (this.waiter != null) {
				this.threadOf.get(this.waiter.actor()).get().interrupt();
				try {
					this.waiter.result().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
			synchronized (this.handles) {
				this.handles.values().forEach((byName) -> byName.values().forEach((held) -> held.forEach(LockHandle::close)));
			}
			this.threads.forEach(ExecutorService::shutdownNow);
			assertThat(this.manager.pendingCount()).as(() -> "threads inside the manager: " + this.manager.snapshot())
				.isZero();
			assertThat(this.manager.activeCount()).isZero();
		}

	}

}
