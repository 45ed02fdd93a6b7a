package io.filelock.engine.file.scope;

import java.util.List;

/**
 * Maps a mount's type and options to the reach of flock and fcntl locks on it. Each family
 * of filesystems has its own rule; a type no rule knows is {@link Reach#UNKNOWN}.
 */
final class ScopeClassifier {

	private static final List<ScopeRule> RULES = List.of(new LocalRule(), new NfsRule(), new SmbRule(),
			new LustreRule(), new SharedDiskRule(), new CephRule(), new GuestShareRule(), new FuseRule());

	private ScopeClassifier() {
	}

	/**
	 * Both verdicts for the mount described by {@code facts}.
	 */
	static Classification classify(FsFacts facts) {
		for (ScopeRule rule : RULES) {
			if (rule.applies(facts)) {
				return rule.classify(facts);
			}
		}
		Verdict unknown = Verdict.unknown("filesystem type " + facts.fsType() + " is not known to this check", null,
				"check its lock support, or use a filesystem with known lock scope");
		return Classification.same(FsCategory.UNKNOWN, unknown, null, List.of());
	}

}
