package io.filelock.engine.file;

import io.filelock.engine.DefaultLockManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lock names to file names: verbatim where safe, percent-encoded otherwise, never outside
 * the lock directory.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LockFileNamesTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "job", "Nightly-Report_2024.01", "a.b.c", "0", "x-" })
	void safeNamesMapVerbatim(String name) {
		assertThat(LockFileNames.fileName(name)).isEqualTo(name + ".lock");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "a/b|a%2Fb.lock", "../x|%2E.%2Fx.lock",
			"/etc/x|%2Fetc%2Fx.lock", "a/../../x|a%2F..%2F..%2Fx.lock", "a b|a%20b.lock", "100%|100%25.lock",
			"é|%C3%A9.lock", ".hidden|%2Ehidden.lock", "..|%2E..lock", "con|%63on.lock", "NUL.txt|%4EUL.txt.lock",
			"a\\b|a%5Cb.lock" })
	void otherNamesArePercentEncodedByte(String name, String fileName) {
		assertThat(LockFileNames.fileName(name)).isEqualTo(fileName);
	}

	@Test
	void controlCharactersAndNulAreEncoded() {
		assertThat(LockFileNames.fileName("a\u0000b")).isEqualTo("a%00b.lock");
		assertThat(LockFileNames.fileName("a\nb")).isEqualTo("a%0Ab.lock");
	}

	@Test
	void encodingIsInjective() {
		assertThat(Stream.of("a/b", "a%2Fb", "a%2fb", ".x", "%2Ex", "con", "%63on")
			.map(LockFileNames::fileName)
			.distinct()).hasSize(7);
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x", "/etc/x", "a/../../x", "..", ".", "./x", "a/./b/../..", "\u0000", "~root" })
	void noNameAddressesAFileOutsideTheDirectory(String name) throws Exception {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		Path path = manager.resource(name).file();
		assertThat(path.getParent()).isEqualTo(this.directory);
		assertThat(path.normalize()).isEqualTo(path);
		try (LockHandle handle = manager.acquire(name)) {
			assertThat(handle.path()).isEqualTo(path).isRegularFile();
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			// besides the folder where this JVM says it is a lock manager
			assertThat(files.filter((file) -> !file.endsWith(ManagerRegistry.DIRECTORY))).containsExactly(path);
		}
	}

	@Test
	void emptyBlankAndTooLongNamesAreRejectedWithTheNameQuoted() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.directory).build();
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire(""))
			.isNotInstanceOf(LockTimeoutException.class)
			.withMessageContaining("''");
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire(" \t"))
			.withMessageContaining("' \\u0009'");
		String tooLong = "x".repeat(251);
		assertThat(LockFileNames.fileName("x".repeat(250))).hasSize(255);
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire(tooLong))
			.withMessageContaining("'" + "x".repeat(80) + "…'")
			.withMessageContaining("251 characters");
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.acquire("é".repeat(50)))
			.withMessageContaining("more than 255");
		assertThat(this.directory).isEmptyDirectory();
	}

}
