package io.filelock.engine.file;

import java.io.Serial;

import io.filelock.LockException;

/**
 * A lock file could not be opened or locked; says whether its directory was missing, so
 * that the manager can create it and try once more.
 */
public final class OpenFailedException extends LockException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final boolean missingDirectory;

	OpenFailedException(String message, boolean missingDirectory, Throwable cause) {
		super(message, cause);
		this.missingDirectory = missingDirectory;
	}

	public boolean missingDirectory() {
		return this.missingDirectory;
	}

}
