package io.filelock;

import java.io.Serial;
import java.time.Duration;

/**
 * A setting of a lock manager (a timeout, a part of the {@link Backoff}) has a value that
 * cannot work. Says which setting, its value and what is allowed, so that whoever set it
 * (a builder call, a configuration property) can be named in the message.
 */
public class InvalidLockSettingException extends IllegalArgumentException {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The setting's name. */
	private final String setting;

	private final transient Object value;

	/** What the value must be. */
	private final String requirement;

	/**
	 * Names the setting, its value and what the value must be.
	 * @param setting the setting, as its builder method or record component is named:
	 * {@code timeout}, {@code initialDelay}, {@code multiplier}, …
	 * @param value the value it was given
	 * @param requirement what the value must be, for example {@code must be zero or
	 * positive}
	 */
	public InvalidLockSettingException(String setting, Object value, String requirement) {
		super("Invalid " + setting + " '" + format(value) + "': " + requirement);
		this.setting = setting;
		this.value = value;
		this.requirement = requirement;
	}

	/**
	 * The setting, as its builder method or record component is named.
	 * @return the setting's name
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * The value the setting was given.
	 * @return the value
	 */
	public Object getValue() {
		return this.value;
	}

	/**
	 * What the value must be.
	 * @return the requirement, such as {@code must be zero or positive}
	 */
	public String getRequirement() {
		return this.requirement;
	}

	/**
	 * A duration as people write it in configuration: {@code 500ms}, {@code 5s}; others as
	 * ISO-8601.
	 */
	static String format(Object value) {
		if (!(value instanceof Duration duration)) {
			return String.valueOf(value);
		}
		if (duration.getNano() % 1_000_000 == 0 && !duration.isNegative()) {
			long millis = duration.toMillis();
			return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
		}
		return duration.toString();
	}

	/**
	 * Refuses a negative duration.
	 * @throws InvalidLockSettingException if it is negative
	 */
	static Duration notNegative(String setting, Duration duration) {
		if (duration.isNegative()) {
			throw new InvalidLockSettingException(setting, duration, "must be zero or positive");
		}
		return duration;
	}

}
