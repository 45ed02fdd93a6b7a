package io.filelock.engine;

/**
 * A backend would not let the caller wait in its queue: the kernel found that the wait
 * would close a cycle of processes waiting for each other ({@code EDEADLK}), or every
 * place for such waits is taken. The acquisition goes on polling with the backoff until
 * its timeout; a failure that is not about waiting shows again at the next attempt.
 */
public final class WaitRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public WaitRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

	public WaitRefusedException(String message) {
		super(message);
	}

}
