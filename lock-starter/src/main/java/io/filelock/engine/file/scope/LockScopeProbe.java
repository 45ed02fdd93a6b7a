package io.filelock.engine.file.scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tells, for a lock directory or lock path, which mount holds it, that mount's type and
 * options, and the scope of flock and fcntl locks there.
 *
 * <p>The mount comes from the mount table (mountinfo), looked up with the real path. When
 * {@code statfs(2)} is available its magic cross-checks the lookup: if the table names a
 * type that the kernel's answer contradicts, the verdict is {@link LockScope#UNKNOWN}
 * rather than a guess. Without a readable table, statfs alone still names the type; a
 * local filesystem is then classified as usual, anything else is unknown because its
 * options (nolock, local_lock=, nobrl, ...) decide and cannot be seen. The probe never
 * throws for a path: problems become an UNKNOWN report that says why.
 */
public final class LockScopeProbe {

	private final MountInfoSource mountInfo;

	private final PathResolver resolver;

	private final StatFs statFs;

	private final KernelVersion kernel;

	public LockScopeProbe(MountInfoSource mountInfo, PathResolver resolver, StatFs statFs, KernelVersion kernel) {
		this.mountInfo = mountInfo;
		this.resolver = resolver;
		this.statFs = statFs;
		this.kernel = kernel;
	}

	/** This process's mount table, real paths, JNA statfs where bound, the running kernel. */
	public static LockScopeProbe system() {
		return new LockScopeProbe(MountInfoSource.proc(), PathResolver.filesystem(), StatFs.system(),
				KernelVersion.running());
	}

	/** The report for {@code path} and the lock call {@code strategy} uses. */
	public ScopeReport probe(Path path, StrategyKind strategy) {
		Path real;
		try {
			real = this.resolver.realPath(path);
		}
		catch (IOException | RuntimeException ex) {
			return unknown(path, path, null, "unknown", "", strategy, "the path cannot be resolved ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
		}
		OptionalLong magic = this.statFs.magic(existingAncestor(real));
		MountTable table;
		try {
			table = MountTable.parse(this.mountInfo.read());
		}
		catch (IOException | RuntimeException ex) {
			return fromStatFs(path, real, strategy, magic, "the mount table cannot be read ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
		}
		Optional<MountEntry> found = table.containing(real);
		if (found.isEmpty()) {
			return fromStatFs(path, real, strategy, magic, "no mount in the mount table contains " + real);
		}
		MountEntry entry = found.get();
		if (magic.isPresent() && FsMagic.contradicts(entry.fsType(), magic.getAsLong())) {
			return unknown(path, real, entry.mountPoint(), entry.fsType(), entry.source(), strategy,
					"the mount table names " + entry.fsType() + " for mount " + entry.mountPoint()
							+ ", but statfs(2) reports magic 0x" + Long.toHexString(magic.getAsLong()) + " ("
							+ FsMagic.nameOf(magic.getAsLong()).orElse("?") + "), so the mount found is not trusted");
		}
		Classification classification = ScopeClassifier.classify(FsFacts.of(entry, this.kernel));
		return new ScopeReport(path, real, entry.mountPoint(), entry.fsType(), entry.source(), strategy,
				classification);
	}

	/** Reports for several paths with one strategy, in order. */
	public List<ScopeReport> probeAll(List<Path> paths, StrategyKind strategy) {
		return paths.stream().map((p) -> probe(p, strategy)).toList();
	}

	private ScopeReport fromStatFs(Path path, Path real, StrategyKind strategy, OptionalLong magic, String problem) {
		Optional<String> type = magic.isPresent() ? FsMagic.nameOf(magic.getAsLong()) : Optional.empty();
		if (type.isEmpty()) {
			return unknown(path, real, null, "unknown", "", strategy, problem
					+ (magic.isPresent() ? "; statfs(2) magic 0x" + Long.toHexString(magic.getAsLong()) + " is not known"
							: "; statfs(2) is not available"));
		}
		Classification classification = ScopeClassifier
			.classify(new FsFacts(type.get(), "", MountOptions.empty(), this.kernel));
		if (classification.category() != FsCategory.LOCAL) {
			return unknown(path, real, null, type.get(), "", strategy, problem + "; statfs(2) says " + type.get()
					+ ", whose lock scope depends on mount options that cannot be seen");
		}
		return new ScopeReport(path, real, null, type.get(), "", strategy, classification);
	}

	private static ScopeReport unknown(Path path, Path real, String mountPoint, String type, String source,
			StrategyKind strategy, String reason) {
		Verdict verdict = Verdict.unknown(reason, null, null);
		Classification classification = Classification.same(FsCategory.UNKNOWN, verdict, null, List.of());
		return new ScopeReport(path, real, mountPoint, type, source, strategy, classification);
	}

	private static Path existingAncestor(Path real) {
		Path p = real;
		while (p != null && !Files.exists(p)) {
			p = p.getParent();
		}
		return (p != null) ? p : real.getRoot();
	}

}
