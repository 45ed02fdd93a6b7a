package io.filelock.engine.file.scope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the mount table comes from: {@link #proc()} on a live Linux system, recorded text in
 * tests. The text has one char per byte (see {@link MountInfoParser}).
 */
@FunctionalInterface
public interface MountInfoSource {

	/**
	 * The whole mountinfo text.
	 * @throws IOException if the table cannot be read (no {@code /proc}, not Linux); the
	 * probe then falls back to {@code statfs(2)} alone
	 */
	String read() throws IOException;

	/** {@code /proc/self/mountinfo}: the mounts of this process's mount namespace. */
	static MountInfoSource proc() {
		return file(Path.of("/proc/self/mountinfo"));
	}

	/** A mountinfo file, read byte per char. */
	static MountInfoSource file(Path path) {
		return () -> new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
	}

	/** Fixed text, for tests and recorded tables. */
	static MountInfoSource of(String text) {
		return () -> text;
	}

}
