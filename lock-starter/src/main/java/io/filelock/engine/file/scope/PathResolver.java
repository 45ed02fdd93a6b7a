package io.filelock.engine.file.scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a configured lock path into the real path the kernel reaches, so that the mount
 * that contains it can be found: symbolic links resolved, {@code .} and {@code ..}
 * removed. Tests replace it to stand for symbolic links they do not create.
 */
@FunctionalInterface
public interface PathResolver {

	/**
	 * The real, absolute path of {@code path}.
	 */
	Path realPath(Path path) throws IOException;

	/**
	 * The file system's answer: the nearest existing ancestor is resolved with
	 * {@link Path#toRealPath}, and the names below it (not created yet) are appended. A
	 * lock directory that does not exist yet will be created on the mount of that
	 * ancestor.
	 */
	static PathResolver filesystem() {
		return (path) -> {
			Path absolute = path.toAbsolutePath().normalize();
			Path existing = absolute;
			while (existing != null && !Files.exists(existing)) {
				existing = existing.getParent();
			}
			if (existing == null) {
				throw new IOException("no part of " + absolute + " exists");
			}
			return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
		};
	}

}
