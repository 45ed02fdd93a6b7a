package io.filelock.testsupport.postgres;

/**
 * How a finished program ended: its exit code and everything it wrote, decoded as UTF-8.
 */
public record ProcessResult(int exitCode, String stdout, String stderr) {

	public boolean succeeded() {
		return exitCode == 0;
	}

	/** Standard output then standard error, for messages. */
	public String output() {
		if (stderr.isEmpty()) {
			return stdout;
		}
		return stdout.isEmpty() ? stderr : stdout + System.lineSeparator() + stderr;
	}
}
