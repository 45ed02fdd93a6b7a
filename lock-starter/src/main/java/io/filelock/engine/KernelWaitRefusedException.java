package io.filelock.engine;

/**
 * The kernel would not let the caller wait for the lock: {@code fcntl(F_SETLKW)} found
 * that the wait would close a cycle of processes waiting for each other and failed with
 * {@code EDEADLK}, or failed otherwise. The acquisition goes on with the backoff (as
 * {@code flock}, which detects no deadlocks, would go on waiting), so it ends at its
 * timeout as the model of the locks expects; a failure that is not about waiting shows
 * again on the next attempt.
 */
final class KernelWaitRefusedException extends RuntimeException {

	KernelWaitRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
