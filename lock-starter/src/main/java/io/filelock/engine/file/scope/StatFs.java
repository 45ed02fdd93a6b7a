package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The {@code f_type} of {@code statfs(2)} for a path: the magic number of the filesystem
 * the kernel actually reaches there, to check the mount found in the table against.
 */
@FunctionalInterface
public interface StatFs {

	/**
	 * The magic of the filesystem holding {@code existingPath}, or empty where it cannot
	 * be told.
	 */
	OptionalLong magic(Path existingPath);

	/**
	 * No {@code statfs(2)}: the mount table alone decides.
	 */
	static StatFs none() {
		return (path) -> OptionalLong.empty();
	}

}
