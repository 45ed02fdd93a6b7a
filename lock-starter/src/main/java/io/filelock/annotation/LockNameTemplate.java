package io.filelock.annotation;

import java.lang.reflect.Method;
import java.util.List;

import io.filelock.LockException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.Expression;
import org.springframework.expression.common.CompositeStringExpression;
import org.springframework.expression.common.LiteralExpression;

/**
 * A lock name as written in {@link io.filelock.FileLocked#value()}, its {@code ${…}}
 * placeholders already resolved and its {@code #{…}} parts parsed: a static name costs
 * nothing per call; a dynamic one evaluates its parsed parts against each call.
 */
final class LockNameTemplate {

	private final String text;

	private final List<Expression> parts;

	private final boolean dynamic;

	private final ParameterNameDiscoverer parameterNames;

	private final @Nullable BeanResolver beanResolver;

	private LockNameTemplate(String text, List<Expression> parts, boolean dynamic,
			ParameterNameDiscoverer parameterNames, @Nullable BeanResolver beanResolver) {
		this.text = text;
		this.parts = parts;
		this.dynamic = dynamic;
		this.parameterNames = parameterNames;
		this.beanResolver = beanResolver;
	}

	/**
	 * A template of the parsed (placeholder-free) {@code expression}.
	 * @param text the text the expression was parsed from
	 * @param expression the expression parsed as a template
	 * @param parameterNames finds the names of the method's parameters, for {@code #id}
	 * @param beanResolver resolves {@code @beanName}, if beans are available
	 */
	static LockNameTemplate of(String text, Expression expression, ParameterNameDiscoverer parameterNames,
			@Nullable BeanResolver beanResolver) {
		if (expression instanceof LiteralExpression) {
			return new LockNameTemplate(text, List.of(), false, parameterNames, beanResolver);
		}
		List<Expression> parts = (expression instanceof CompositeStringExpression composite)
				? List.of(composite.getExpressions()) : List.of(expression);
		return new LockNameTemplate(text, parts, true, parameterNames, beanResolver);
	}

	/**
	 * The template text, placeholders resolved: the name of a static lock, and the name
	 * metrics see for a dynamic one, so that their cardinality stays bounded.
	 */
	String text() {
		return this.text;
	}

	boolean isDynamic() {
		return this.dynamic;
	}

	/**
	 * The lock name of one call.
	 * @throws LockException if a part fails or evaluates to null, or the name is blank
	 */
	String evaluate(Method method, @Nullable Object[] args, @Nullable Object target, Class<?> targetClass) {
		if (!this.dynamic) {
			return this.text;
		}
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
				new LockNameRoot(method, args, target, targetClass), method, args, this.parameterNames);
		if (this.beanResolver != null) {
			context.setBeanResolver(this.beanResolver);
		}
		StringBuilder name = new StringBuilder();
		for (Expression part : this.parts) {
			if (part instanceof LiteralExpression) {
				name.append(part.getExpressionString());
				continue;
			}
			String value = value(part, context, method);
			if (value == null) {
				throw new LockException("Lock name '" + this.text + "' of " + InvalidFileLockedException.describe(method)
						+ ": '#{" + part.getExpressionString() + "}' evaluated to null; the method was not invoked");
			}
			name.append(value);
		}
		if (name.toString().isBlank()) {
			throw new LockException("Lock name '" + this.text + "' of " + InvalidFileLockedException.describe(method)
					+ " evaluated to a blank name; the method was not invoked");
		}
		return name.toString();
	}

	/**
	 * Evaluates one {@code #{…}} part; whatever it throws (a SpEL error, or the exception
	 * of a method it calls) becomes a {@link LockException} that names the lock and the
	 * method, so that nobody has to guess which annotation a bare exception came from.
	 */
	private @Nullable String value(Expression part, MethodBasedEvaluationContext context, Method method) {
		try {
			return part.getValue(context, String.class);
		}
		catch (RuntimeException ex) {
			throw new LockException("Lock name '" + this.text + "' of " + InvalidFileLockedException.describe(method)
					+ ": '#{" + part.getExpressionString() + "}' failed with " + ex + "; the method was not invoked",
					ex);
		}
	}

}
