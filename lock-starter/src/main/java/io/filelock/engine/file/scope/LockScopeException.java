package io.filelock.engine.file.scope;

/** Startup is refused: the configured lock scope cannot be guaranteed. */
public class LockScopeException extends RuntimeException {

	public LockScopeException(String message) {
		super(message);
	}

}
