package io.filelock.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL server programs come from: a directory holding {@code initdb},
 * {@code pg_ctl} and {@code postgres} of PostgreSQL {@value #MIN_MAJOR_VERSION} or later, plus the
 * {@code psql} client to use with them, if one can be found.
 *
 * <p>System property {@value #PROPERTY} chooses: {@code auto} (the default) takes the system's
 * server if there is one, else the Maven bundle; {@code system} and {@code maven} take only that
 * source; any other value names a directory of programs.
 */
public record PostgresBinaries(String source, Path binDirectory, String version, Optional<Path> psql) {

	public static final String PROPERTY = "filelock.test.postgres.binaries";

	/** {@code sha256()} in SQL, used by the lock-key formula, arrived in PostgreSQL 11. */
	public static final int MIN_MAJOR_VERSION = 11;

	private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) ((\\d+)\\S*)");
	private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

	public PostgresBinaries {
		Objects.requireNonNull(source);
		Objects.requireNonNull(binDirectory);
		Objects.requireNonNull(version);
		Objects.requireNonNull(psql);
	}

	/** The binaries chosen by system property {@value #PROPERTY}. */
	public static PostgresBinaries resolve() {
		String choice = System.getProperty(PROPERTY, "auto").strip();
		return switch (choice) {
			case "", "auto" -> system().orElseGet(PostgresBinaries::maven);
			case "system" -> system().orElseThrow(() -> new IllegalStateException("-D" + PROPERTY
					+ "=system, but no PostgreSQL " + MIN_MAJOR_VERSION + "+ server (initdb, pg_ctl, postgres) was"
					+ " found on the PATH or under /usr/lib/postgresql/*/bin or /usr/pgsql-*/bin"));
			case "maven" -> maven();
			default -> of("directory " + choice, Path.of(choice)).orElseThrow(() -> new IllegalStateException("-D"
					+ PROPERTY + "=" + choice + " names no directory with a PostgreSQL " + MIN_MAJOR_VERSION
					+ "+ initdb, pg_ctl and postgres"));
		};
	}

	/** The system's server: the PATH first, then the newest of the distributions' version directories. */
	public static Optional<PostgresBinaries> system() {
		List<Path> candidates = new ArrayList<>();
		pathEntries().forEach(dir -> {
			Path pgCtl = dir.resolve("pg_ctl");
			if (Files.isExecutable(pgCtl)) {
				candidates.add(realParent(pgCtl)); // Debian's /usr/local/bin/pg_ctl may be a symlink
			}
		});
		candidates.addAll(newestFirst("/usr/lib/postgresql", "*")); // Debian, Ubuntu
		candidates.addAll(newestFirst("/usr", "pgsql-*"));         // PGDG RPMs
		return candidates.stream().distinct().map(dir -> of("system", dir)).flatMap(Optional::stream).findFirst();
	}

	/** The bundle of the zonky test dependency, unpacked once into the shared cache directory. */
	public static PostgresBinaries maven() {
		Path installation = ZonkyBinaries.install(PostgresServer.baseDirectory());
		return of("maven " + installation.getFileName(), installation.resolve("bin")).orElseThrow(
				() -> new IllegalStateException("the PostgreSQL bundle unpacked into " + installation
						+ " lacks bin/initdb, bin/pg_ctl or bin/postgres, or they do not run"));
	}

	public Path initdb() {
		return binDirectory.resolve("initdb");
	}

	public Path pgCtl() {
		return binDirectory.resolve("pg_ctl");
	}

	public Path postgres() {
		return binDirectory.resolve("postgres");
	}

	/** The psql to use, or an exception saying how to get one (zonky's bundles have none). */
	public Path psqlOrThrow() {
		return psql.orElseThrow(() -> new IllegalStateException("no psql client found beside " + binDirectory
				+ ", on the PATH or under /usr/lib/postgresql/*/bin; install one (Debian: apt-get install"
				+ " postgresql-client)"));
	}

	private static Optional<PostgresBinaries> of(String source, Path binDirectory) {
		if (!Stream.of("initdb", "pg_ctl", "postgres")
				.allMatch(name -> Files.isExecutable(binDirectory.resolve(name)))) {
			return Optional.empty();
		}
		ProcessResult result = ProcessRunner.run(List.of(binDirectory.resolve("postgres").toString(), "--version"),
				Map.of(), binDirectory, VERSION_TIMEOUT);
		Matcher matcher = VERSION.matcher(result.stdout());
		if (!result.succeeded() || !matcher.find() || Integer.parseInt(matcher.group(2)) < MIN_MAJOR_VERSION) {
			return Optional.empty();
		}
		return Optional.of(new PostgresBinaries(source, binDirectory, matcher.group(1), findPsql(binDirectory)));
	}

	/** psql from the same directory if it has one, else the PATH's, else the newest distribution's. */
	private static Optional<Path> findPsql(Path binDirectory) {
		return Stream.of(Stream.of(binDirectory), pathEntries().stream(),
						newestFirst("/usr/lib/postgresql", "*").stream())
				.flatMap(dirs -> dirs)
				.map(dir -> dir.resolve("psql"))
				.filter(Files::isExecutable)
				.findFirst();
	}

	private static List<Path> pathEntries() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(path.split(":")).filter(entry -> !entry.isEmpty()).map(Path::of).toList();
	}

	private static Path realParent(Path file) {
		try {
			return file.toRealPath().getParent();
		}
		catch (IOException e) {
			return file.getParent();
		}
	}

	/** {@code <parent>/<glob>/bin} directories, highest version number first. */
	private static List<Path> newestFirst(String parent, String glob) {
		Path root = Path.of(parent);
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		List<Path> dirs = new ArrayList<>();
		try (DirectoryStream<Path> matches = Files.newDirectoryStream(root, glob)) {
			matches.forEach(dir -> dirs.add(dir.resolve("bin")));
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not list " + root, e);
		}
		dirs.sort(Comparator.comparingDouble(PostgresBinaries::versionOf).reversed());
		return dirs;
	}

	private static double versionOf(Path binDir) {
		String name = binDir.getParent().getFileName().toString().replaceAll("[^0-9.]", "");
		try {
			return name.isEmpty() ? 0 : Double.parseDouble(name);
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}
}
