package io.filelock.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analyzes a startup failure the way Spring Boot does: with every
 * {@link FailureAnalyzer} registered in {@code META-INF/spring.factories}, in their order.
 */
final class FailureAnalyses {

	private FailureAnalyses() {
	}

	static FailureAnalysis analyze(Throwable failure) {
		return analyze(failure, null);
	}

	/**
	 * @param environment the application's, which analyzers read the origin of a
	 * property's value from; null if there is none
	 */
	static FailureAnalysis analyze(Throwable failure, @Nullable Environment environment) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader
			.forDefaultResourceLocation(FailureAnalyses.class.getClassLoader())
			.load(FailureAnalyzer.class,
					ArgumentResolver.from((type) -> (type == Environment.class) ? environment : null),
					FailureHandler.handleMessage((message, ex) -> {
					}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyze(analyzer, failure);
			if (analysis != null) {
				return analysis;
			}
		}
		assertThat(failure).as("a failure some analyzer explains").isNull();
		throw new IllegalStateException(failure);
	}

	private static FailureAnalysis analyze(FailureAnalyzer analyzer, Throwable failure) {
		try {
			return analyzer.analyze(failure);
		}
		catch (RuntimeException ex) {
			// An analyzer built without its bean factory may fail; Boot would skip it too.
			return null;
		}
	}

}
