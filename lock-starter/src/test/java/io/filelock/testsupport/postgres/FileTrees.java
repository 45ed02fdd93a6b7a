package io.filelock.testsupport.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deletes a directory tree; symbolic links inside it are removed, never followed. */
final class FileTrees {

	private FileTrees() {
	}

	static void delete(Path root) throws IOException {
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		List<Path> deepestFirst;
		try (Stream<Path> paths = Files.walk(root)) {
			deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
		}
		for (Path path : deepestFirst) {
			Files.delete(path);
		}
	}
}
