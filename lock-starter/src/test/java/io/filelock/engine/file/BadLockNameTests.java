package io.filelock.engine.file;

import io.filelock.engine.Names;
import io.filelock.engine.DefaultLockManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A catalogue of hostile lock names. Each one either maps to a file directly inside the
 * lock directory, which is then really locked, or is refused with a {@link LockException}
 * that quotes it; and nothing outside the lock directory is ever created or changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class BadLockNameTests {

	@TempDir
	static Path root;

	private Path locks;

	private Map<String, String> outsideBefore;

	/** Accepted names by the file they map to, to prove the mapping injective. */
	private final Map<Path, String> accepted = new HashMap<>();

	private int tried;

	private int refused;

	@BeforeAll
	void createNeighbours() throws IOException {
		this.locks = root.resolve("app").resolve("locks");
		Files.createDirectories(this.locks);
		// what a name escaping the directory would hit first
		Files.writeString(root.resolve("app").resolve("x"), "neighbour");
		Files.writeString(root.resolve("x"), "grandparent's");
		Files.writeString(root.resolve("app").resolve("x.lock"), "neighbour lock");
		this.outsideBefore = snapshotOutside();
	}

	@AfterAll
	void nothingOutsideTheDirectoryChanged() throws IOException {
		assertThat(snapshotOutside()).isEqualTo(this.outsideBefore);
		System.out.printf("Bad lock names: %d tried, %d refused, %d mapped to distinct files in the directory%n",
				this.tried, this.refused, this.accepted.size());
	}

	Stream<Arguments> names() {
		String tenThousand = "a".repeat(10_000);
		return Stream.of(Arguments.of("empty", ""), Arguments.of("blank", "   "), Arguments.of("tab", "\t"),
				Arguments.of("dot", "."), Arguments.of("dot dot", ".."), Arguments.of("parent", "../x"),
				Arguments.of("parent of parent", "../../x"), Arguments.of("nested parent", "a/../../x"),
				Arguments.of("backslash parent", "..\\x"), Arguments.of("absolute", "/etc/passwd"),
				Arguments.of("absolute into the parent", root.resolve("app").resolve("escaped").toString()), Arguments.of("windows absolute", "C:\\Windows\\x"),
				Arguments.of("UNC", "\\\\server\\share\\x"), Arguments.of("home", "~/x"),
				Arguments.of("slash only", "/"), Arguments.of("trailing slash", "x/"),
				Arguments.of("NUL", "a\0b"), Arguments.of("NUL only", "\0"), Arguments.of("newline", "a\nb"),
				Arguments.of("carriage return", "a\rb"), Arguments.of("escape sequence", "\u001b[2Jx"),
				Arguments.of("10,000 characters", tenThousand), Arguments.of("longest accepted", "a".repeat(250)),
				Arguments.of("one too long", "a".repeat(251)), Arguments.of("non-ASCII", "räksmörgås"),
				Arguments.of("CJK", "锁"), Arguments.of("emoji", "lock-\uD83D\uDD12"),
				Arguments.of("right-to-left override", "a\u202Etxt.exe"),
				Arguments.of("lone surrogate", "\uD800"), Arguments.of("question mark", "?"),
				Arguments.of("con", "con"), Arguments.of("CON", "CON"), Arguments.of("nul", "nul"),
				Arguments.of("nul.txt", "nul.txt"), Arguments.of("com1", "com1"), Arguments.of("lpt9", "LPT9"),
				Arguments.of("lower case", "job"), Arguments.of("upper case", "JOB"), Arguments.of("mixed case", "Job"),
				Arguments.of("already encoded slash", "a%2Fb"), Arguments.of("slash", "a/b"),
				Arguments.of("suffix", "x.lock"), Arguments.of("hidden", ".hidden"), Arguments.of("star", "*"),
				Arguments.of("spaces", " job "), Arguments.of("glob", "[a-z]{1}"),
				Arguments.of("shell", "$(touch pwned)"), Arguments.of("percent", "%"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("names")
	void nameMapsInsideTheDirectoryOrIsRefusedQuoted(String description, String name) throws IOException {
		this.tried++;
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.locks).strategy(LockStrategy.FLOCK).build();
		Optional<LockHandle> handle;
		try {
			handle = manager.tryAcquire(name, LockMode.EXCLUSIVE);
		}
		catch (LockException ex) {
			this.refused++;
			assertThat(ex).hasMessageContaining(Names.quote(name));
			assertThatExceptionOfType(LockException.class).isThrownBy(() -> manager.resource(name).file());
			assertThat(manager.activeCount()).isZero();
			assertThat(manager.pendingCount()).isZero();
			return;
		}
		assertThat(handle).as("a fresh name is free").isPresent();
		try (LockHandle held = handle.get()) {
			Path file = held.path();
			assertThat(file.getParent()).isEqualTo(this.locks);
			assertThat(file.toRealPath(LinkOption.NOFOLLOW_LINKS).getParent()).isEqualTo(this.locks.toRealPath());
			assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
			assertThat(manager.resource(name).file()).isEqualTo(file);
			String earlier = this.accepted.putIfAbsent(file, name);
			assertThat(earlier).as("another name mapped to " + file).isNull();
			// really locked: a second manager (another open file description) is kept out
			DefaultLockManager other = (DefaultLockManager) LockManager.builder().directory(this.locks).strategy(LockStrategy.FLOCK).build();
			assertThat(other.tryAcquire(name, LockMode.SHARED)).isEmpty();
		}
	}

	@Test
	void namesDifferingOnlyInCaseAreDifferentLocks() {
		DefaultLockManager manager = (DefaultLockManager) LockManager.builder().directory(this.locks).strategy(LockStrategy.FLOCK).build();
		try (LockHandle lower = manager.acquire("report"); LockHandle upper = manager.acquire("REPORT")) {
			// on a case-insensitive file system both names would share one file and exclude each other,
			// which is safe; on Linux they are independent
			assertThat(lower.path()).isNotEqualTo(upper.path());
		}
	}

	private Map<String, String> snapshotOutside() throws IOException {
		Map<String, String> snapshot = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.filter((path) -> !path.startsWith(this.locks)).toList()) {
				BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				String content = attributes.isRegularFile() ? Files.readString(path) : "";
				snapshot.put(root.relativize(path).toString(), attributes.size() + " "
						+ attributes.lastModifiedTime() + " " + attributes.fileKey() + " " + content);
			}
		}
		return snapshot;
	}

}
