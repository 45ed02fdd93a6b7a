package io.filelock.sample.counter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A counter kept in a JSON file {@code {"count": n}}. Writes go through a temporary file
 * and an atomic rename, so a reader never sees a half-written file; that alone does not
 * stop two read-modify-write cycles from overwriting each other.
 */
public final class CounterFile {

	private static final Pattern COUNT = Pattern.compile("\\{\\s*\"count\"\\s*:\\s*(\\d+)\\s*}\\s*");

	private final Path file;

	public CounterFile(Path file) {
		this.file = file.toAbsolutePath();
	}

	public Path path() {
		return this.file;
	}

	/**
	 * The current count, 0 when the file does not exist yet.
	 */
	public long read() {
		String content;
		try {
			content = Files.readString(this.file);
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read counter file '" + this.file + "'", ex);
		}
		Matcher matcher = COUNT.matcher(content);
		if (!matcher.matches()) {
			throw new IllegalStateException(
					"Counter file '" + this.file + "' does not hold {\"count\": n}: '" + content.strip() + "'");
		}
		return Long.parseLong(matcher.group(1));
	}

	public void write(long count) {
		try {
			Path directory = this.file.getParent();
			Files.createDirectories(directory);
			Path temporary = Files.createTempFile(directory, this.file.getFileName() + ".", ".tmp");
			try {
				Files.writeString(temporary, "{\"count\": " + count + "}\n");
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write counter file '" + this.file + "'", ex);
		}
	}

	/**
	 * Reads, adds one, writes. Not atomic: callers serialise it.
	 */
	public long increment() {
		long next = read() + 1;
		write(next);
		return next;
	}

}
