package io.filelock.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidFileLockPropertyException}: the property, its value and what
 * is allowed.
 */
class InvalidFileLockPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidFileLockPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidFileLockPropertyException cause) {
		String description = "Invalid value '" + cause.getValue() + "' for property '" + cause.getProperty() + "': "
				+ cause.getRequirement() + ".";
		String action = "Update your application's configuration so that '" + cause.getProperty() + "' "
				+ cause.getRequirement() + ".";
		return new FailureAnalysis(description, action, cause);
	}

}
