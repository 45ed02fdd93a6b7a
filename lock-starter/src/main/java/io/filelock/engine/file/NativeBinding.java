package io.filelock.engine.file;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Which binding makes the C library calls ({@link Posix}), selected once, when the
 * {@code FLOCK} strategy is first used: the JDK's Foreign Function &amp; Memory API on JDK
 * 22 and later, JNA before, and JNA too where FFM cannot bind. The FFM binding
 * ({@code FfmPosix}) is compiled for JDK 22 into {@code META-INF/versions/22} of the
 * multi-release jar, so it is loaded by name. On JDK 22 and later JNA is not loaded at
 * all when FFM binds, so the starter works without JNA on the class path, and where the
 * temporary directory is mounted {@code noexec} (JNA unpacks its native library there).
 * <p>
 * In a GraalVM native image JNA is used: Spring's runtime hints register what JNA needs
 * ({@link NativeRuntimeHints}), while downcalls through FFM need metadata that they
 * cannot express.
 * <p>
 * The system property {@value #PROPERTY} forces one binding, {@code ffm} or {@code jna},
 * with no fallback (to compare them, or to step around one); the choice is logged at
 * DEBUG.
 */
final class NativeBinding {

	/** The system property that forces a binding. */
	static final String PROPERTY = "io.filelock.binding";

	static final String FFM = "ffm";

	static final String JNA = "jna";

	private static final String FFM_CLASS = "io.filelock.engine.file.FfmPosix";

	private static final Log logger = LogFactory.getLog(NativeBinding.class);

	static final NativeBinding SELECTED = select(System.getProperty(PROPERTY), Runtime.version().feature(),
			System.getProperty("org.graalvm.nativeimage.imagecode") != null, NativeBinding::ffm,
			NativeBinding::jna);

	private final @Nullable Posix posix;

	private final @Nullable String unavailableReason;

	private NativeBinding(@Nullable Posix posix, @Nullable String unavailableReason) {
		this.posix = posix;
		this.unavailableReason = unavailableReason;
	}

	/** The binding, or null if none could be made. */
	@Nullable Posix posix() {
		return this.posix;
	}

	/** Why there is no binding, or null if there is one. */
	@Nullable String unavailableReason() {
		return this.unavailableReason;
	}

	/**
	 * Selects the binding.
	 * @param forced the value of {@value #PROPERTY}, if set
	 * @param feature the JDK's feature release
	 * @param nativeImage whether this runs in a GraalVM native image
	 * @param ffm binds through FFM, or throws why it cannot
	 * @param jna binds through JNA, or throws why it cannot
	 */
	static NativeBinding select(@Nullable String forced, int feature, boolean nativeImage, Supplier<Posix> ffm,
			Supplier<Posix> jna) {
		String choice = (forced != null) ? forced.trim().toLowerCase(Locale.ROOT) : "";
		if (!choice.isEmpty() && !choice.equals(FFM) && !choice.equals(JNA)) {
			return unavailable("invalid system property " + PROPERTY + " '" + forced + "': expected '" + FFM
					+ "' or '" + JNA + "'");
		}
		String ffmProblem = null;
		if (!choice.equals(JNA)) {
			if (feature < 22) {
				ffmProblem = "the Foreign Function & Memory API needs JDK 22 or later, this is JDK " + feature;
			}
			else if (nativeImage) {
				ffmProblem = "in a native image the C library is called through JNA, whose needs the runtime hints register";
			}
			else {
				try {
					return bound(ffm.get(), (choice.equals(FFM) ? "as " + PROPERTY + " asks" : "JDK " + feature));
				}
				catch (RuntimeException | LinkageError ex) {
					ffmProblem = "the Foreign Function & Memory API could not bind the C library: " + describe(ex);
				}
			}
			if (choice.equals(FFM)) {
				return unavailable(PROPERTY + " asks for '" + FFM + "', but " + ffmProblem);
			}
		}
		try {
			return bound(jna.get(), (ffmProblem != null) ? ffmProblem : "as " + PROPERTY + " asks");
		}
		catch (RuntimeException | LinkageError ex) {
			String jnaProblem = "the C library could not be bound through JNA: " + describe(ex);
			return unavailable((ffmProblem != null) ? jnaProblem + "; " + ffmProblem : jnaProblem);
		}
	}

	private static NativeBinding bound(Posix posix, String why) {
		if (logger.isDebugEnabled()) {
			logger.debug("Calling the C library through " + ((posix.name().equals(FFM))
					? "the Foreign Function & Memory API" : "JNA") + " (" + why + ")");
		}
		return new NativeBinding(posix, null);
	}

	private static NativeBinding unavailable(String reason) {
		logger.debug("No binding of the C library: " + reason);
		return new NativeBinding(null, reason);
	}

	private static String describe(Throwable ex) {
		if (ex instanceof ExceptionInInitializerError && ex.getCause() != null) {
			return describe(ex.getCause());
		}
		if (ex instanceof NoClassDefFoundError && String.valueOf(ex.getMessage()).startsWith("com/sun/jna/")) {
			return "JNA (net.java.dev.jna:jna) is not on the class path";
		}
		return ex.toString();
	}

	/**
	 * The FFM binding, from {@code META-INF/versions/22}.
	 */
	static Posix ffm() {
		Class<?> type;
		try {
			type = Class.forName(FFM_CLASS, true, NativeBinding.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("this build of the starter has no FFM binding (it was built on a JDK "
					+ "before 22, or its jar is not read as a multi-release jar)", ex);
		}
		try {
			return (Posix) type.getDeclaredConstructor().newInstance();
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Posix jna() {
		return new JnaPosix();
	}

}
