package io.filelock.testsupport.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks a {@code .txz} (xz-compressed tar) archive in the JVM, so no {@code tar} or {@code xz}
 * program is needed (xz-utils is not on every minimal Linux image).
 *
 * <p>Contract: directories, regular files (with the archive's permission bits, so {@code bin/}
 * stays executable whatever the umask), symbolic and hard links are created under the target
 * directory; an entry naming a path outside it, or of any other type, fails the extraction.
 */
final class TarXz {

	private TarXz() {
	}

	static void extract(InputStream archive, Path targetDirectory) throws IOException {
		Path root = targetDirectory.toAbsolutePath().normalize();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZCompressorInputStream(new BufferedInputStream(archive, 1 << 16)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = inside(root, entry.getName());
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					Files.setPosixFilePermissions(path, permissions(entry.getMode()));
					continue;
				}
				Files.createDirectories(path.getParent());
				if (entry.isSymbolicLink()) {
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.createLink(path, inside(root, entry.getLinkName()));
				}
				else if (entry.isFile()) {
					Files.copy(tar, path);
					Files.setPosixFilePermissions(path, permissions(entry.getMode()));
				}
				else {
					throw new IOException("unsupported entry type in archive: " + entry.getName());
				}
			}
		}
	}

	private static Path inside(Path root, String name) throws IOException {
		Path path = root.resolve(name).normalize();
		if (!path.startsWith(root)) {
			throw new IOException("archive entry points outside the target directory: " + name);
		}
		return path;
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, 0400 .. 0001
		for (int i = 0; i < bits.length; i++) {
			if ((mode & (0400 >> i)) != 0) {
				permissions.add(bits[i]);
			}
		}
		return permissions;
	}
}
