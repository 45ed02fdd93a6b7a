package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The {@code f_type} of {@code statfs(2)} for a path: the magic number of the filesystem
 * the kernel actually reaches. Optional: {@link #none()} where it cannot be called.
 */
@FunctionalInterface
public interface StatFs {

	/** The magic of the filesystem holding {@code existingPath}, or empty if unavailable. */
	OptionalLong magic(Path existingPath);

	/** No statfs: the mount table alone decides. */
	static StatFs none() {
		return (path) -> OptionalLong.empty();
	}

	/** The JNA binding on 64-bit Linux (x86-64, aarch64), otherwise {@link #none()}. */
	static StatFs system() {
		return JnaStatFs.AVAILABLE ? new JnaStatFs() : none();
	}

}
