package io.filelock.engine.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chaos test's counter, changed only under the lock {@value #LOCK}:
 * {@code counter} holds {@code "<value> writer=<slot>"} and is replaced by writing a
 * temporary file and renaming it over the counter (atomic, so a kill never leaves half a
 * counter); then the writer appends {@code "<value>"} to its slot's journal
 * {@code journal-<slot>} with one {@code write} and an fsync.
 * <p>
 * An increment is <em>committed</em> when the rename has happened: from then on every
 * later holder sees it. A kill between the rename and the journal line would leave a
 * committed increment unjournaled, so every holder first {@link #repair repairs}: if the
 * counter's writer's journal does not end with the counter's value, the holder appends
 * that value for it, marked {@code repaired}. The counter names its writer, so the gap can
 * only be the last increment, and under the lock nobody else can be writing. Hence, after
 * a final repair, the journals hold every value 1..counter exactly once: a lost increment
 * leaves a gap, a doubled one (two holders at once) a duplicate.
 */
final class ChaosCounter {

	static final String LOCK = "counter";

	static final String REPAIRED = " repaired";

	private static final Pattern COUNTER = Pattern.compile("(\\d+) writer=(-|\\d+)\n");

	/**
	 * Where a worker may be told to stop and wait for its SIGKILL.
	 */
	enum Point {

		/** Lock held, counter not yet read. */
		LOCKED,
		/** Temporary file written and synced, not yet renamed. */
		TEMP_WRITTEN,
		/** Counter renamed (the increment is committed), journal not yet written. */
		RENAMED,
		/** Journal written, lock not yet released. */
		JOURNALED

	}

	interface Hook {

		void at(Point point);

	}

	private final Path directory;

	ChaosCounter(Path directory) {
		this.directory = directory;
	}

	void create() throws IOException {
		Files.writeString(counterFile(), "0 writer=-\n");
	}

	/**
	 * One increment; the caller holds the lock.
	 */
	void increment(int slot, Hook hook) throws IOException {
		hook.at(Point.LOCKED);
		repair();
		long next = read().value() + 1;
		Path temp = this.directory.resolve("counter.tmp-" + slot);
		writeSynced(temp, next + " writer=" + slot + "\n", StandardOpenOption.TRUNCATE_EXISTING);
		hook.at(Point.TEMP_WRITTEN);
		Files.move(temp, counterFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		hook.at(Point.RENAMED);
		writeSynced(journal(slot), next + "\n", StandardOpenOption.APPEND);
		hook.at(Point.JOURNALED);
	}

	/**
	 * Journals the last increment if its writer was killed before it could; the caller
	 * holds the lock.
	 * @return whether a line was added
	 */
	boolean repair() throws IOException {
		Value counter = read();
		if (counter.writer() < 0 || lastJournaled(counter.writer()) == counter.value()) {
			return false;
		}
		writeSynced(journal(counter.writer()), counter.value() + REPAIRED + "\n", StandardOpenOption.APPEND);
		return true;
	}

	Value read() throws IOException {
		String content = Files.readString(counterFile());
		Matcher matcher = COUNTER.matcher(content);
		if (!matcher.matches()) {
			throw new IllegalStateException("Counter file holds '" + content + "'");
		}
		String writer = matcher.group(2);
		return new Value(Long.parseLong(matcher.group(1)), writer.equals("-") ? -1 : Integer.parseInt(writer));
	}

	/**
	 * Every journal line of every slot.
	 */
	List<String> journalLines() throws IOException {
		List<String> lines = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.filter((path) -> path.getFileName().toString().startsWith("journal-")).toList()) {
				lines.addAll(Files.readAllLines(file));
			}
		}
		return lines;
	}

	private long lastJournaled(int slot) throws IOException {
		try (RandomAccessFile file = new RandomAccessFile(journal(slot).toFile(), "r")) {
			long length = file.length();
			int tail = (int) Math.min(length, 64);
			byte[] bytes = new byte[tail];
			file.seek(length - tail);
			file.readFully(bytes);
			String text = new String(bytes, StandardCharsets.US_ASCII).strip();
			String last = text.substring(text.lastIndexOf('\n') + 1).replace(REPAIRED, "");
			return last.isEmpty() ? 0 : Long.parseLong(last);
		}
		catch (java.io.FileNotFoundException ex) {
			return 0;
		}
	}

	private Path counterFile() {
		return this.directory.resolve("counter");
	}

	private Path journal(int slot) {
		return this.directory.resolve("journal-" + slot);
	}

	/**
	 * One {@code write} call (a SIGKILL cannot split it) and an fsync.
	 */
	private static void writeSynced(Path file, String content, StandardOpenOption mode) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
			ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
			channel.write(bytes);
			if (bytes.hasRemaining()) {
				throw new IOException("short write to " + file);
			}
			channel.force(true);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalStateException("Chaos directory vanished: " + file, ex);
		}
	}

	record Value(long value, int writer) {
	}

}
