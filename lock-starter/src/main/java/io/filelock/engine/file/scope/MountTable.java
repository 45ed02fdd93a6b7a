package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The mounts of one mount namespace, answering which mount really contains a path.
 *
 * <p>The answer is found the way the kernel walks a path: from the root mount, each longer
 * prefix of the path that is a mount point switches to the mount attached there
 * <em>to the current mount</em> (its parent ID is the current mount's ID). Several mounts
 * stacked on one mount point are climbed to the top one (the mount that is no other
 * mount's parent there). A mount attached to a mount that is itself covered by a later
 * mount on a shorter prefix is hidden and skipped, so a path under it resolves into the
 * covering mount. A mount whose parent has no line (parent outside this process's root,
 * or recorded lines whose IDs do not link up) is taken as attached; when several such
 * lines share a mount point, the last line wins.
 */
public final class MountTable {

	private final List<MountEntry> entries;

	private final Set<Integer> ids = new HashSet<>();

	public MountTable(List<MountEntry> entries) {
		this.entries = List.copyOf(entries);
		this.entries.forEach((entry) -> this.ids.add(entry.mountId()));
	}

	/**
	 * Parses mountinfo text (one char per byte of the file).
	 * @throws IllegalArgumentException naming the line that is not in the mountinfo format
	 */
	public static MountTable parse(String mountinfo) {
		return new MountTable(MountInfoParser.parse(mountinfo));
	}

	/**
	 * The mount that contains {@code realPath}, which must be absolute, normalized and free of
	 * symbolic links (resolve it first); empty if no mount covers {@code /}.
	 */
	public Optional<MountEntry> containing(Path realPath) {
		if (!realPath.isAbsolute()) {
			throw new IllegalArgumentException("not an absolute path: " + realPath);
		}
		List<Path> prefixes = new ArrayList<>();
		for (MountEntry entry : this.entries) {
			Path point = Path.of(entry.mountPoint());
			if (point.isAbsolute() && realPath.startsWith(point) && !prefixes.contains(point)) {
				prefixes.add(point);
			}
		}
		prefixes.sort(Comparator.comparingInt(Path::getNameCount));
		@Nullable MountEntry current = null;
		for (Path prefix : prefixes) {
			MountEntry next = topAt(prefix, current);
			if (next != null) {
				current = next;
			}
		}
		return Optional.ofNullable(current);
	}

	/**
	 * The top mount at {@code point} attached to {@code current}, or null if none is
	 * visible.
	 */
	private @Nullable MountEntry topAt(Path point, @Nullable MountEntry current) {
		List<MountEntry> here = this.entries.stream().filter((e) -> Path.of(e.mountPoint()).equals(point)).toList();
		@Nullable MountEntry chosen = null;
		for (MountEntry entry : here) {
			if (attachedTo(entry, current)) {
				chosen = entry;
			}
		}
		if (chosen == null) {
			return null;
		}
		for (int guard = 0; guard < here.size(); guard++) {
			MountEntry base = chosen;
			@Nullable MountEntry above = null;
			for (MountEntry entry : here) {
				if (entry != base && entry.parentId() == base.mountId()) {
					above = entry;
				}
			}
			if (above == null) {
				break;
			}
			chosen = above;
		}
		return chosen;
	}

	private boolean attachedTo(MountEntry entry, @Nullable MountEntry current) {
		boolean dangling = !this.ids.contains(entry.parentId()) || entry.parentId() == entry.mountId();
		return dangling || (current != null && entry.parentId() == current.mountId());
	}

}
