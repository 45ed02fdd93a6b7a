package io.filelock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the results were measured on.
 */
final class Machine {

	private Machine() {
	}

	static Map<String, Object> describe() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("arch", System.getProperty("os.arch"));
		machine.put("cpus", Runtime.getRuntime().availableProcessors());
		machine.put("cpuModel", cpuModel());
		machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("tmpdirFileSystem", fileSystem());
		return machine;
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String fileSystem() {
		try {
			return Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir"))).type();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
