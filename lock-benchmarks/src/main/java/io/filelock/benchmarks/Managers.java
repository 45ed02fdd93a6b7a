package io.filelock.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.LockStrategy;
import io.filelock.spi.LockIntrospection;

/**
 * Builds the benchmarks' lock managers, calling {@link LockManagerBuilder#build()}
 * reflectively. A compiled call names the method's declared return type, which is not
 * the same in every version of the starter (an engine class, later a public interface),
 * and {@code run.sh --against} runs this harness on another version's classes: a
 * compiled call would fail there with {@link NoSuchMethodError}. Everything else the
 * harness calls is the {@link LockManager} interface.
 */
final class Managers {

	private static final Method BUILD = buildMethod();

	private Managers() {
	}

	static LockManager build(LockManagerBuilder builder) {
		try {
			return (LockManager) BUILD.invoke(builder);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Strategy {@code BOTH} ({@code flock(2)}, then a POSIX lock), looked up by name:
	 * empty where the starter under test has no such strategy.
	 */
	static Optional<LockStrategy> both() {
		return Arrays.stream(LockStrategy.values()).filter((strategy) -> strategy.name().equals("BOTH")).findFirst();
	}

	/**
	 * How the manager calls the C library ({@code ffm} or {@code jna}), as its backend
	 * status says; empty where it does not say (other strategies, older starters).
	 */
	static String binding(LockManager manager) {
		if (manager instanceof LockIntrospection introspection) {
			String binding = introspection.backendStatus().details().get("binding");
			return (binding != null) ? binding : "";
		}
		return "";
	}

	/**
	 * How a manager with the defaults calls the C library in this JVM.
	 */
	static String defaultBinding() {
		try {
			Path directory = Files.createTempDirectory("binding-");
			LockManager manager = build(LockManager.builder().directory(directory));
			try {
				return binding(manager);
			}
			finally {
				close(manager);
				Files.deleteIfExists(directory);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Closes the manager where its starter can: before {@code LockManager} was
	 * {@code AutoCloseable}, a compiled {@code manager.close()} fails on an older
	 * starter with {@link NoSuchMethodError}.
	 */
	static void close(Object manager) {
		if (manager instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Closing " + manager + " failed", ex);
			}
		}
	}

	/**
	 * Where this JVM loaded the starter from (its jar, or its classes directory): with two
	 * builds compared, it shows which one a run measured.
	 */
	static String starterLocation() {
		try {
			return ShownPaths.of(Path.of(LockManagerBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
		}
		catch (URISyntaxException | RuntimeException ex) {
			return "unknown (" + ex + ")";
		}
	}

	private static Method buildMethod() {
		try {
			return LockManagerBuilder.class.getMethod("build");
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("this starter's LockManagerBuilder has no build()", ex);
		}
	}

}
