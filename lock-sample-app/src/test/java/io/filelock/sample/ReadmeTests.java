package io.filelock.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's property table in step with the configuration metadata the starter
 * generates: every property is listed with its default.
 */
class ReadmeTests {

	private static final Path README = Path.of("..", "README.md");

	@Test
	void listsEveryGeneratedPropertyWithItsDefault() throws IOException {
		String readme = Files.readString(README);
		List<JsonNode> properties = starterProperties();
		assertThat(properties).isNotEmpty();
		for (JsonNode property : properties) {
			String name = property.get("name").asString();
			JsonNode defaultValue = property.get("defaultValue");
			String row = (defaultValue != null) ? "| `" + name + "` | `" + defaultValue.asString() + "` |"
					: "| `" + name + "` |";
			assertThat(readme).as("README row for %s", name).contains(row);
		}
	}

	@Test
	void keepsTheTwoCommandsVerbatim() throws IOException {
		String readme = Files.readString(README);
		assertThat(readme).contains("```\n./demo.sh\n```").contains("```\n./mvnw -B verify\n```");
		assertThat(readme.indexOf("./demo.sh")).isLessThan(readme.indexOf("./mvnw -B verify"));
	}

	private static List<JsonNode> starterProperties() throws IOException {
		List<JsonNode> properties = new ArrayList<>();
		JsonMapper mapper = JsonMapper.builder().build();
		Enumeration<URL> resources = ReadmeTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (resources.hasMoreElements()) {
			try (InputStream in = resources.nextElement().openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties")) {
					String name = property.get("name").asString();
					if (name.startsWith("file-lock.") || name.startsWith("management.endpoint.filelocks.")) {
						properties.add(property);
					}
				}
			}
		}
		return properties;
	}

}
