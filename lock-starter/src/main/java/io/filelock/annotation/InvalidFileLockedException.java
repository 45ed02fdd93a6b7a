package io.filelock.annotation;

import java.io.Serial;
import java.lang.reflect.Method;

import org.springframework.util.ClassUtils;

/**
 * A {@link io.filelock.FileLocked @FileLocked} method cannot be locked as declared: an
 * attribute is invalid, or the method returns a type whose work outlives the call.
 * Thrown while the application starts.
 */
public class InvalidFileLockedException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String method;

	private final String reason;

	InvalidFileLockedException(Method method, String reason, @org.jspecify.annotations.Nullable Throwable cause) {
		super("@FileLocked on " + describe(method) + " is invalid: " + reason, cause);
		this.method = describe(method);
		this.reason = reason;
	}

	/**
	 * The method, as {@code com.example.Service.method(String)}.
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * What is wrong and what is allowed instead.
	 */
	public String getReason() {
		return this.reason;
	}

	static String describe(Method method) {
		StringBuilder description = new StringBuilder(method.getDeclaringClass().getName()).append('.')
			.append(method.getName())
			.append('(');
		Class<?>[] parameterTypes = method.getParameterTypes();
		for (int i = 0; i < parameterTypes.length; i++) {
			description.append((i > 0) ? ", " : "").append(ClassUtils.getShortName(parameterTypes[i]));
		}
		return description.append(')').toString();
	}

}
