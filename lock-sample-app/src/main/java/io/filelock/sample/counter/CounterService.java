package io.filelock.sample.counter;

import io.filelock.FileLocked;

import org.springframework.stereotype.Service;

/**
 * The shared counter. Every copy of the application that uses the same counter file and
 * lock directory increments it one at a time.
 */
@Service
public class CounterService {

	private final CounterFile counterFile;

	public CounterService(CounterFile counterFile) {
		this.counterFile = counterFile;
	}

	@FileLocked("counter")
	public long increment() {
		return this.counterFile.increment();
	}

	/**
	 * The current count. Needs no lock: the file is replaced atomically.
	 */
	public long current() {
		return this.counterFile.read();
	}

}
