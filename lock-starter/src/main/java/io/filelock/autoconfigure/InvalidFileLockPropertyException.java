package io.filelock.autoconfigure;

import java.io.Serial;

/**
 * A {@code file-lock.*} property has a value that cannot work.
 */
class InvalidFileLockPropertyException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String property;

	private final String value;

	private final String requirement;

	InvalidFileLockPropertyException(String property, Object value, String requirement) {
		super("Invalid value '" + value + "' for property '" + property + "': " + requirement);
		this.property = property;
		this.value = String.valueOf(value);
		this.requirement = requirement;
	}

	String getProperty() {
		return this.property;
	}

	String getValue() {
		return this.value;
	}

	/**
	 * What the value must be, for example {@code "must be zero or positive"}.
	 */
	String getRequirement() {
		return this.requirement;
	}

}
