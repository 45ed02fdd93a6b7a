package io.filelock.annotation;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import io.filelock.FileLocked;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.env.PropertyResolver;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.ParseException;
import org.springframework.expression.ParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ClassUtils;

/**
 * Reads a {@link FileLocked @FileLocked} annotation into a {@link FileLockedSpec}:
 * resolves placeholders, parses the timeout and the name template, picks how a call holds
 * the lock by what the method returns, and refuses what cannot be locked correctly.
 */
final class FileLockedSpecParser {

	private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+");

	private static final String[] ASYNC_TYPE_NAMES = { "org.reactivestreams.Publisher",
			"kotlinx.coroutines.flow.Flow" };

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			FileLockedSpecParser.class.getClassLoader());

	private final SpelExpressionParser expressionParser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final PropertyResolver placeholders;

	private final @Nullable BeanResolver beanResolver;

	FileLockedSpecParser(PropertyResolver placeholders, @Nullable BeanResolver beanResolver) {
		this.placeholders = placeholders;
		this.beanResolver = beanResolver;
	}

	FileLockedSpec parse(FileLocked annotation, Method method) {
		if (Modifier.isPrivate(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
			throw new InvalidFileLockedException(method,
					"a private or static method cannot be intercepted by a proxy; make it a public instance method",
					null);
		}
		Class<?> returnType = method.getReturnType();
		LockedCall call = callFor(returnType);
		if (call == null) {
			throw new InvalidFileLockedException(method, "it returns " + returnType.getName()
					+ ", whose work may go on after the method returns, so the lock would be released too early; "
					+ "lock inside the asynchronous work, or return its result synchronously", null);
		}
		return new FileLockedSpec(method, parseName(annotation.value(), method), annotation.mode(),
				parseTimeout(annotation.timeout(), method), annotation.onTimeout(), skipResult(returnType), call);
	}

	/**
	 * How a call of a method returning {@code returnType} holds its lock; null for an
	 * asynchronous type whose end cannot be awaited (a {@code Future}, a {@code Publisher}
	 * other than Reactor's {@code Mono} and {@code Flux}, a Kotlin {@code Flow}).
	 */
	private static @Nullable LockedCall callFor(Class<?> returnType) {
		if (returnType == CompletionStage.class || returnType == CompletableFuture.class) {
			return CompletionStageCall.INSTANCE;
		}
		LockedCall reactive = REACTOR_PRESENT ? ReactorCall.forReturnType(returnType) : null;
		if (reactive != null) {
			return reactive;
		}
		return isAsynchronous(returnType) ? null : SynchronousCall.INSTANCE;
	}

	private LockNameTemplate parseName(String value, Method method) {
		String resolved = resolvePlaceholders("lock name", value, method);
		if (resolved.isBlank()) {
			throw new InvalidFileLockedException(method, "lock name '" + value + "' is blank; name the lock", null);
		}
		try {
			return LockNameTemplate.of(resolved,
					this.expressionParser.parseExpression(resolved, ParserContext.TEMPLATE_EXPRESSION),
					this.parameterNames, this.beanResolver);
		}
		catch (ParseException ex) {
			throw new InvalidFileLockedException(method, "lock name expression '" + resolved
					+ "' cannot be parsed: " + ex.getMessage() + "; write SpEL inside #{…}, e.g. 'account-#{#id}'", ex);
		}
	}

	private @Nullable Duration parseTimeout(String value, Method method) {
		String resolved = resolvePlaceholders("timeout", value, method).strip();
		if (resolved.isEmpty()) {
			return null;
		}
		String shown = "'" + value + "'" + (resolved.equals(value) ? "" : " (resolved to '" + resolved + "')");
		if (BARE_NUMBER.matcher(resolved).matches()) {
			throw new InvalidFileLockedException(method, "timeout " + shown + " has no unit; write for example \""
					+ resolved + "s\" or \"" + resolved + "ms\" (without one it would be read as milliseconds)", null);
		}
		Duration timeout;
		try {
			timeout = DurationStyle.detectAndParse(resolved);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFileLockedException(method, "timeout " + shown
					+ " is not a duration; use for example \"500ms\", \"5s\", \"PT5S\" or \"0s\", or leave it empty for the configured timeout",
					ex);
		}
		if (timeout.isNegative()) {
			throw new InvalidFileLockedException(method,
					"timeout " + shown + " is negative; use zero (a single attempt) or a positive duration", null);
		}
		return timeout;
	}

	private String resolvePlaceholders(String attribute, String value, Method method) {
		try {
			return this.placeholders.resolveRequiredPlaceholders(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFileLockedException(method, attribute + " '" + value + "': " + ex.getMessage(), ex);
		}
	}

	private static boolean isAsynchronous(Class<?> type) {
		if (Future.class.isAssignableFrom(type) || CompletionStage.class.isAssignableFrom(type)
				|| Flow.Publisher.class.isAssignableFrom(type)
				|| ReactiveAdapterRegistry.getSharedInstance().getAdapter(type) != null) {
			return true;
		}
		for (String name : ASYNC_TYPE_NAMES) {
			if (isA(type, name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isA(Class<?> type, String name) {
		if (type.getName().equals(name)) {
			return true;
		}
		for (Class<?> implemented : type.getInterfaces()) {
			if (isA(implemented, name)) {
				return true;
			}
		}
		return type.getSuperclass() != null && isA(type.getSuperclass(), name);
	}

	private static @Nullable Object skipResult(Class<?> returnType) {
		if (returnType == Optional.class) {
			return Optional.empty();
		}
		if (returnType == OptionalInt.class) {
			return OptionalInt.empty();
		}
		if (returnType == OptionalLong.class) {
			return OptionalLong.empty();
		}
		if (returnType == OptionalDouble.class) {
			return OptionalDouble.empty();
		}
		if (returnType.isPrimitive() && returnType != void.class) {
			// The element of a new array is the primitive's default value.
			return Array.get(Array.newInstance(returnType, 1), 0);
		}
		return null;
	}

}
