package io.filelock.sample.counter;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CounterConfiguration {

	@Bean
	CounterFile counterFile(@Value("${sample.counter.file}") Path file) {
		return new CounterFile(file);
	}

}
