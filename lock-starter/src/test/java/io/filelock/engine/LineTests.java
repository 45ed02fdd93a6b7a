package io.filelock.engine;

import java.util.concurrent.locks.ReentrantLock;

import io.filelock.LockMode;
import io.filelock.engine.Line.Waiter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When threads that did not wait may take a lock before the head of the line: a bounded
 * number of times, and only for a while after it became the head. On a clock of the
 * test's own, so that no timing of the machine's matters.
 */
class LineTests {

	private long now = 1_000_000_000L;

	private final Line line = new Line(() -> this.now);

	private final ReentrantLock mutex = new ReentrantLock();

	@Test
	void anEmptyLineIsOvertakenFreely() {
		for (int i = 0; i < 10 * Line.BYPASS_LIMIT; i++) {
			assertThat(this.line.mayBeOvertaken()).isTrue();
			this.line.overtaken();
		}
	}

	@Test
	void theHeadIsOvertakenAtMostTheBypassLimitTimes() {
		this.line.join(LockMode.EXCLUSIVE, this.mutex.newCondition());
		for (int i = 0; i < Line.BYPASS_LIMIT; i++) {
			assertThat(this.line.mayBeOvertaken()).as("overtake %d", i + 1).isTrue();
			this.line.overtaken();
		}
		assertThat(this.line.mayBeOvertaken()).isFalse();
	}

	@Test
	void theHeadIsNotOvertakenOnceItHasBeenTheHeadForTheBypassWindow() {
		this.line.join(LockMode.EXCLUSIVE, this.mutex.newCondition());
		this.now += Line.BYPASS_WINDOW_NANOS - 1;
		assertThat(this.line.mayBeOvertaken()).isTrue();
		this.now += 1;
		assertThat(this.line.mayBeOvertaken()).as("window over, though overtaken no times").isFalse();
	}

	@Test
	void theNextHeadStartsWithAFreshCountAndWindow() {
		Waiter first = this.line.join(LockMode.EXCLUSIVE, this.mutex.newCondition());
		this.now += 10 * Line.BYPASS_WINDOW_NANOS;
		Waiter second = this.line.join(LockMode.EXCLUSIVE, this.mutex.newCondition());
		for (int i = 0; i < Line.BYPASS_LIMIT; i++) {
			this.line.overtaken();
		}
		assertThat(this.line.mayBeOvertaken()).isFalse();
		this.line.leave(first);
		assertThat(this.line.isHead(second)).isTrue();
		assertThat(this.line.mayBeOvertaken()).as("the second waiter became the head just now").isTrue();
		this.now += Line.BYPASS_WINDOW_NANOS;
		assertThat(this.line.mayBeOvertaken()).isFalse();
	}

	@Test
	void aWaiterThatLeavesFromBehindTheHeadChangesNothingForTheHead() {
		this.line.join(LockMode.EXCLUSIVE, this.mutex.newCondition());
		Waiter behind = this.line.join(LockMode.EXCLUSIVE, this.mutex.newCondition());
		for (int i = 0; i < Line.BYPASS_LIMIT; i++) {
			this.line.overtaken();
		}
		this.line.leave(behind);
		assertThat(this.line.mayBeOvertaken()).isFalse();
	}

}
