package io.filelock.engine.file.scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import io.filelock.LockStrategy;
import org.jspecify.annotations.Nullable;

/**
 * Tells, for a lock directory or lock file, which mount holds it, that mount's type and
 * options, and how far the locks of a strategy reach there.
 * <p>
 * The mount comes from the mount table (mountinfo), looked up with the real path. Where
 * {@code statfs(2)} is available its magic checks the lookup: a mount whose type the
 * kernel's answer contradicts is not trusted, and the reach is
 * {@link Reach#UNKNOWN} rather than a guess. Without a mount table (not Linux, no
 * {@code /proc}) the file store's type stands in: a local filesystem is classified as
 * usual, anything else is unknown, because its mount options decide and cannot be seen.
 * The probe never throws for a path: what it cannot tell becomes an unknown reach that
 * says why.
 */
public final class LockScopeProbe {

	private final MountInfoSource mountInfo;

	private final PathResolver resolver;

	private final StatFs statFs;

	private final KernelVersion kernel;

	private final StoreType storeType;

	/**
	 * A probe of this process's mount table and file system, with the given
	 * {@code statfs(2)}.
	 */
	public LockScopeProbe(StatFs statFs) {
		this(MountInfoSource.proc(), PathResolver.filesystem(), statFs, KernelVersion.running(),
				(path) -> Files.getFileStore(path).type());
	}

	LockScopeProbe(MountInfoSource mountInfo, PathResolver resolver, StatFs statFs, KernelVersion kernel,
			StoreType storeType) {
		this.mountInfo = mountInfo;
		this.resolver = resolver;
		this.statFs = statFs;
		this.kernel = kernel;
		this.storeType = storeType;
	}

	/**
	 * How far the locks of {@code strategy} reach at {@code path}, which need not exist
	 * yet ({@link LockStrategy#AUTO} must be resolved first).
	 */
	public ScopeReport probe(Path path, LockStrategy strategy) {
		Path absolute = path.toAbsolutePath().normalize();
		Path real;
		try {
			real = this.resolver.realPath(absolute);
		}
		catch (IOException | RuntimeException ex) {
			return unknown(absolute, absolute, null, "unknown", strategy, "the path cannot be resolved (" + ex + ")");
		}
		MountTable table;
		try {
			table = MountTable.parse(this.mountInfo.read());
		}
		catch (IOException | RuntimeException ex) {
			return fromStoreType(absolute, real, strategy, "the mount table cannot be read (" + ex + ")");
		}
		Optional<MountEntry> found = table.containing(real);
		if (found.isEmpty()) {
			return fromStoreType(absolute, real, strategy, "no mount in the mount table contains " + real);
		}
		MountEntry entry = found.get();
		OptionalLong magic = this.statFs.magic(existingAncestor(real));
		if (magic.isPresent() && FsMagic.contradicts(entry.fsType(), magic.getAsLong())) {
			return unknown(absolute, real, entry.mountPoint(), entry.fsType(), strategy,
					"the mount table names " + entry.fsType() + " for mount " + entry.mountPoint()
							+ ", but statfs(2) reports magic 0x" + Long.toHexString(magic.getAsLong())
							+ ", so the mount found is not trusted");
		}
		return new ScopeReport(absolute, real, entry.mountPoint(), entry.fsType(), strategy,
				ScopeClassifier.classify(FsFacts.of(entry, this.kernel)));
	}

	private ScopeReport fromStoreType(Path path, Path real, LockStrategy strategy, String problem) {
		String type;
		try {
			type = this.storeType.of(existingAncestor(real)).toLowerCase(Locale.ROOT);
		}
		catch (IOException | RuntimeException ex) {
			return unknown(path, real, null, "unknown", strategy,
					problem + ", and the file store cannot be read (" + ex + ")");
		}
		Classification classification = ScopeClassifier
			.classify(new FsFacts(type, MountOptions.empty(), this.kernel));
		if (classification.category() != FsCategory.LOCAL) {
			return unknown(path, real, null, type, strategy,
					problem + "; how far " + type + " locks reach depends on mount options that cannot be seen");
		}
		return new ScopeReport(path, real, null, type, strategy, classification);
	}

	private static ScopeReport unknown(Path path, Path real, @Nullable String mountPoint, String fsType,
			LockStrategy strategy, String reason) {
		Classification classification = Classification.same(FsCategory.UNKNOWN, Verdict.unknown(reason, null, null),
				null, List.of());
		return new ScopeReport(path, real, mountPoint, fsType, strategy, classification);
	}

	private static Path existingAncestor(Path real) {
		Path existing = real;
		while (existing.getParent() != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		return existing;
	}

	/**
	 * The type of the file store that holds an existing path, as
	 * {@link java.nio.file.FileStore#type()} names it.
	 */
	@FunctionalInterface
	interface StoreType {

		String of(Path existingPath) throws IOException;

	}

}
