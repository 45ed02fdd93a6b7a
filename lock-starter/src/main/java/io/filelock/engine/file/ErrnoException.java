package io.filelock.engine.file;

import java.io.IOException;

/**
 * A C library call of {@link Posix} failed with {@code errno}; the message says which
 * error it is ({@link LibC#describe}).
 */
final class ErrnoException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int errno;

	ErrnoException(int errno) {
		super(LibC.describe(errno));
		this.errno = errno;
	}

	int errno() {
		return this.errno;
	}

}
