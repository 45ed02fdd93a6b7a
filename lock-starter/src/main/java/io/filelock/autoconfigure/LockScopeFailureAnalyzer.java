package io.filelock.autoconfigure;

import java.util.Locale;

import io.filelock.LockScopeException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains a {@link LockScopeException}: {@code file-lock.scope} (and where it was set)
 * asks for locks that reach every host, and for each location that falls short, its
 * filesystem type, mount point, scope, the mount option responsible and what to change.
 */
class LockScopeFailureAnalyzer extends AbstractFailureAnalyzer<LockScopeException> {

	private static final String PROPERTY = "file-lock.scope";

	private final @Nullable Environment environment;

	LockScopeFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LockScopeException cause) {
		String scope = cause.getRequired().name().toLowerCase(Locale.ROOT);
		StringBuilder description = new StringBuilder("File locks must exclude the processes of every host that ")
			.append("mounts them (")
			.append(PROPERTY)
			.append('=')
			.append(scope)
			.append(origin())
			.append("), but these locations keep them to fewer hosts:");
		cause.getRefusals()
			.forEach((refusal) -> description.append(System.lineSeparator()).append(" - ").append(refusal));
		String action = "Put the lock directory (file-lock.directory) and the files of locks "
				+ "(file-lock.locks.<name>.path) on a filesystem whose locks reach every host, or change the mount "
				+ "option named above; or set " + PROPERTY + "=host if excluding the processes of this host is enough.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private String origin() {
		if (this.environment == null) {
			return "";
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(PROPERTY);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return (property.getOrigin() != null) ? ", originating from '" + property.getOrigin() + "'" : "";
			}
		}
		return "";
	}

}
