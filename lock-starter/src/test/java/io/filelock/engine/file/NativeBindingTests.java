package io.filelock.engine.file;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the binding of the C library is selected: FFM on JDK 22 and later, JNA before, in
 * a native image and where FFM cannot bind; {@value NativeBinding#PROPERTY} forces one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class NativeBindingTests {

	private static final Posix FFM = new NamedPosix(NativeBinding.FFM);

	private static final Posix JNA = new NamedPosix(NativeBinding.JNA);

	private static final Supplier<Posix> NO_JNA = () -> {
		throw new NoClassDefFoundError("com/sun/jna/Native");
	};

	private final Logger logger = (Logger) LoggerFactory.getLogger(NativeBinding.class);

	private Level level;

	@BeforeEach
	void logTheChoice() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void restoreTheLevel() {
		this.logger.setLevel(this.level);
	}

	@Test
	void ffmOnJdk22AndLater(CapturedOutput output) {
		assertThat(select(null, 22).posix()).isSameAs(FFM);
		assertThat(select(null, 25).posix()).isSameAs(FFM);
		assertThat(output.getOut()).contains("DEBUG")
			.contains("Calling the C library through the Foreign Function & Memory API (JDK 25)");
	}

	@Test
	void jnaBeforeJdk22(CapturedOutput output) {
		assertThat(select(null, 21).posix()).isSameAs(JNA);
		assertThat(output.getOut()).contains(
				"Calling the C library through JNA (the Foreign Function & Memory API needs JDK 22 or later, this is JDK 21)");
	}

	@Test
	void jnaInANativeImage() {
		assertThat(NativeBinding.select(null, 25, true, () -> FFM, () -> JNA).posix()).isSameAs(JNA);
	}

	@Test
	void jnaWhereFfmCannotBind(CapturedOutput output) {
		NativeBinding binding = NativeBinding.select(null, 25, false, () -> {
			throw new IllegalStateException("the C library has no function flock");
		}, () -> JNA);
		assertThat(binding.posix()).isSameAs(JNA);
		assertThat(output.getOut()).contains("could not bind the C library: java.lang.IllegalStateException: "
				+ "the C library has no function flock");
	}

	@Test
	void propertyForcesJnaOnJdk22AndLater() {
		assertThat(select("jna", 25).posix()).isSameAs(JNA);
		assertThat(select(" JNA ", 25).posix()).isSameAs(JNA);
	}

	@Test
	void propertyForcesFfmWithoutFallingBackToJna() {
		assertThat(select("ffm", 25).posix()).isSameAs(FFM);
		NativeBinding before22 = select("ffm", 17);
		assertThat(before22.posix()).isNull();
		assertThat(before22.unavailableReason()).isEqualTo(
				"io.filelock.binding asks for 'ffm', but the Foreign Function & Memory API needs JDK 22 or later, this is JDK 17");
	}

	@Test
	void invalidPropertyIsNamedWithItsValue() {
		NativeBinding binding = select("panama", 25);
		assertThat(binding.posix()).isNull();
		assertThat(binding.unavailableReason())
			.isEqualTo("invalid system property io.filelock.binding 'panama': expected 'ffm' or 'jna'");
	}

	@Test
	void noBindingWithoutJnaBeforeJdk22() {
		NativeBinding binding = NativeBinding.select(null, 17, false, () -> FFM, NO_JNA);
		assertThat(binding.posix()).isNull();
		assertThat(binding.unavailableReason()).startsWith(
				"the C library could not be bound through JNA: JNA (net.java.dev.jna:jna) is not on the class path; "
						+ "the Foreign Function & Memory API needs JDK 22 or later");
	}

	@Test
	void ffmDoesNotNeedJna() {
		assertThat(NativeBinding.select(null, 25, false, () -> FFM, NO_JNA).posix()).isSameAs(FFM);
	}

	@Test
	void thisJvmUsesFfmFromJdk22On() {
		assertThat(LibC.AVAILABLE).as(LibC.UNAVAILABLE_REASON).isTrue();
		assertThat(LibC.POSIX.name()).isEqualTo((Runtime.version().feature() >= 22) ? "ffm" : "jna");
	}

	private static NativeBinding select(String forced, int feature) {
		return NativeBinding.select(forced, feature, false, () -> FFM, () -> JNA);
	}

	/**
	 * A binding that only has a name: selection never calls it.
	 */
	private record NamedPosix(String name) implements Posix {

		@Override
		public int open(String path, int flags, int mode) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int flock(int fd, int operation) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void close(int fd) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void ftruncate(int fd, long length) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long pwrite(int fd, byte[] buffer, int count, long offset) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long pread(int fd, byte[] buffer, int count, long offset) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int effectiveUid() {
			throw new UnsupportedOperationException();
		}

		@Override
		public long statfsFirstWord(String path) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean hasStatx() {
			return false;
		}

		@Override
		public Statx statx(int directory, String path, int flags, int mask) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Signals signals() {
			throw new UnsupportedOperationException();
		}

	}

}
