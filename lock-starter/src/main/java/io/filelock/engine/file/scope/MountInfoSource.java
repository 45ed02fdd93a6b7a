package io.filelock.engine.file.scope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the mount table comes from: {@link #proc()} on Linux, recorded text in tests. The
 * text has one char per byte of the file, since paths are bytes (see
 * {@link MountTable#parse}).
 */
@FunctionalInterface
public interface MountInfoSource {

	/**
	 * The whole mountinfo text.
	 * @throws IOException if there is no table to read (no {@code /proc}, not Linux)
	 */
	String read() throws IOException;

	/**
	 * {@code /proc/self/mountinfo}: the mounts of this process's mount namespace.
	 */
	static MountInfoSource proc() {
		return () -> new String(Files.readAllBytes(Path.of("/proc/self/mountinfo")), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Fixed text, such as a recorded table.
	 */
	static MountInfoSource of(String text) {
		return () -> text;
	}

}
