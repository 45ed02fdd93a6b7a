package io.filelock.engine.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;

/**
 * The owner record of a lock whose file has an explicit path, which is never written:
 * kept instead in the file the lock's name would have in the lock directory, so that
 * every copy of the application configured alike reads it there. Written only while the
 * lock is held exclusively, by one thread at a time (the holder); no lock is ever taken
 * on it, so closing its channel drops none. It is created as the lock files are
 * ({@link LockDirectories}), and not written in a directory another user controls.
 */
final class SidecarRecord {

	private final Path file;

	private final LockDirectories directories;

	private @Nullable FileChannel channel;

	SidecarRecord(Path file, LockDirectories directories) {
		this.file = file;
		this.directories = directories;
	}

	Path file() {
		return this.file;
	}

	void write(byte[] record) throws IOException {
		FileChannel open = this.channel;
		if (open == null || !open.isOpen()) {
			// closed by an interrupt of the writing thread, or not opened yet
			open = open();
			this.channel = open;
		}
		ByteBuffer buffer = ByteBuffer.wrap(record);
		long position = 0;
		while (buffer.hasRemaining()) {
			position += open.write(buffer, position);
		}
		if (open.size() > record.length) {
			open.truncate(record.length);
		}
	}

	private FileChannel open() throws IOException {
		Path directory = this.file.getParent();
		// the lock directory is created when first needed
		this.directories.create(directory);
		String refused = this.directories.problemWith(directory);
		if (refused != null) {
			throw new IOException("Lock directory " + directory + " " + refused);
		}
		this.directories.createFile(this.file);
		return FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS);
	}

	void close() {
		FileChannel open = this.channel;
		this.channel = null;
		if (open != null) {
			try {
				open.close();
			}
			catch (IOException ex) {
				// nothing is held through it
			}
		}
	}

}
