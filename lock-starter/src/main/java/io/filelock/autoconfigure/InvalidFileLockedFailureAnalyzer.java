package io.filelock.autoconfigure;

import io.filelock.annotation.InvalidFileLockedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidFileLockedException}: the method and what is wrong with its
 * {@code @FileLocked}.
 */
class InvalidFileLockedFailureAnalyzer extends AbstractFailureAnalyzer<InvalidFileLockedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidFileLockedException cause) {
		String description = "@FileLocked on " + cause.getMethod() + " is invalid: " + cause.getReason() + ".";
		String action = "Correct the @FileLocked annotation of " + cause.getMethod() + ".";
		return new FailureAnalysis(description, action, cause);
	}

}
