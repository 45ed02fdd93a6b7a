package io.filelock.sample.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.filelock.sample.SampleApplication;

/**
 * The command line that starts a {@link CounterBatch} process from the same code as this
 * JVM: {@code java -jar file-lock-sample-app.jar batch} when this JVM runs the executable
 * jar, {@code java -cp <class path> io.filelock.sample.SampleApplication batch} otherwise
 * (an IDE, a test).
 */
final class BatchCommand {

	private BatchCommand() {
	}

	static List<String> current() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Short-lived JVMs: start fast rather than peak late. JNA needs native access on JDK 22+.
		command.addAll(List.of("-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
		String classPath = System.getProperty("java.class.path");
		if (isThisExecutableJar(classPath)) {
			command.addAll(List.of("-jar", classPath));
		}
		else {
			command.addAll(List.of("-cp", classPath, SampleApplication.class.getName()));
		}
		command.add("batch");
		return command;
	}

	private static boolean isThisExecutableJar(String classPath) {
		if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)
				|| !Files.isRegularFile(Path.of(classPath))) {
			return false;
		}
		try (JarFile jar = new JarFile(classPath)) {
			Manifest manifest = jar.getManifest();
			return manifest != null
					&& SampleApplication.class.getName().equals(manifest.getMainAttributes().getValue("Start-Class"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read '" + classPath + "'", ex);
		}
	}

}
