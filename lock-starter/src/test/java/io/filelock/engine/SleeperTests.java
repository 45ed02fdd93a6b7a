package io.filelock.engine;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(30)
class SleeperTests {

	@Test
	void sleepsAtLeastTheTimeGiven() throws Exception {
		for (long nanos : new long[] { 1, TimeUnit.MICROSECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(3) }) {
			long start = System.nanoTime();
			Sleeper.SYSTEM.sleep(nanos);
			assertThat(System.nanoTime() - start).as("slept for %d ns", nanos).isGreaterThanOrEqualTo(nanos);
		}
	}

	@Test
	void anInterruptEndsTheSleepAndClearsTheFlag() {
		Thread.currentThread().interrupt();
		assertThatExceptionOfType(InterruptedException.class)
			.isThrownBy(() -> Sleeper.SYSTEM.sleep(TimeUnit.SECONDS.toNanos(60)));
		assertThat(Thread.interrupted()).isFalse();
	}

	@Test
	void anInterruptDuringTheSleepEndsIt() throws Exception {
		Thread sleeper = Thread.currentThread();
		Thread interrupter = new Thread(() -> {
			// interrupt once the sleeper is parked
			while (sleeper.getState() != Thread.State.TIMED_WAITING) {
				Thread.onSpinWait();
			}
			sleeper.interrupt();
		});
		interrupter.start();
		assertThatExceptionOfType(InterruptedException.class)
			.isThrownBy(() -> Sleeper.SYSTEM.sleep(TimeUnit.SECONDS.toNanos(60)));
		interrupter.join();
	}

}
