package io.filelock.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains a {@code file-lock.*} key that no setting binds (a typo such as
 * {@code file-lock.timout}): the key, where it was written, and the nearest valid one.
 * Before Spring Boot's general analysis of unbound properties, which names the key only.
 */
class UnknownFileLockPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<ConfigurationProperty> unknown = cause.getUnboundProperties()
			.stream()
			.filter((property) -> property.getName().toString().startsWith("file-lock."))
			.sorted()
			.toList();
		if (unknown.isEmpty()) {
			return null;
		}
		StringBuilder description = new StringBuilder();
		StringBuilder action = new StringBuilder();
		for (ConfigurationProperty property : unknown) {
			String name = property.getName().toString();
			String nearest = FileLockPropertyNames.nearestTo(name);
			description.append((description.length() > 0) ? System.lineSeparator() : "")
				.append("Unknown property '")
				.append(name)
				.append("'")
				.append((property.getOrigin() != null) ? " (originating from '" + property.getOrigin() + "')" : "")
				.append(": file-lock has no such setting, so its value '")
				.append(property.getValue())
				.append("' would be ignored. The nearest valid property is '")
				.append(nearest)
				.append("'.");
			action.append((action.length() > 0) ? " " : "")
				.append("Rename '")
				.append(name)
				.append("' to '")
				.append(nearest)
				.append("', or remove it.");
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
