package io.filelock.engine.file.scope;

import java.util.List;
import java.util.Optional;

/**
 * The check behind {@code scope=cluster}: every lock directory and explicit lock path must
 * have cluster-wide locks for the strategy in use. A local filesystem (ext4, tmpfs) fails
 * like a network filesystem with local locking, since its locks reach this host only.
 */
public final class ClusterScopeRequirement {

	private ClusterScopeRequirement() {
	}

	/**
	 * Returns normally when all reports are {@link LockScope#CLUSTER}.
	 * @throws LockScopeException naming, for each other path, the directory, mount point,
	 * filesystem type and responsible option
	 */
	public static void check(List<ScopeReport> reports) {
		List<String> problems = reports.stream().map(ScopeReport::clusterRefusal).flatMap(Optional::stream).toList();
		if (!problems.isEmpty()) {
			throw new LockScopeException("scope=cluster is set, but "
					+ ((problems.size() == 1) ? "these lock files would" : problems.size() + " lock locations would")
					+ " not be cluster-wide:\n - " + String.join("\n - ", problems));
		}
	}

}
