package io.filelock.engine.file.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GFS2 and OCFS2. Sources: gfs2(5) ("localflocks ... let the VFS do all flock and fcntl
 * locking"; lock_nolock turns it on), fs/gfs2/ops_fstype.c (lock_nolock sets
 * {@code ar_localflocks}), fs/gfs2/super.c (shows {@code localflocks}); mount.ocfs2(8)
 * ("localflocks disables cluster-aware flock"), fs/ocfs2/inode.c (POSIX locks are
 * cluster-wide only when the stack supports plocks, which only the user-space stack does,
 * and not with localflocks or a local mount), fs/ocfs2/super.c (shows {@code localflocks},
 * {@code cluster_stack=}, {@code heartbeat=}).
 */
final class SharedDiskRule implements ScopeRule {

	@Override
	public boolean applies(FsFacts facts) {
		return facts.mainType().equals("gfs2") || facts.mainType().equals("ocfs2");
	}

	@Override
	public Classification classify(FsFacts facts) {
		MountOptions options = facts.options();
		List<String> shown = new ArrayList<>();
		String name = facts.mainType().toUpperCase(java.util.Locale.ROOT);
		Optional<String> local = options.find("localflocks");
		if (local.isEmpty() && options.value("lockproto").filter("lock_nolock"::equals).isPresent()) {
			local = options.find("lockproto");
		}
		if (local.isEmpty() && options.value("heartbeat").filter("none"::equals).isPresent()) {
			local = options.find("heartbeat");
		}
		local.ifPresent(shown::add);
		if (local.isPresent()) {
			Verdict host = Verdict.host(name + " option " + local.get() + " leaves flock and fcntl locks to this"
					+ " node's kernel; other nodes can take the same lock", local.get(),
					"mount without " + local.get() + " on every node (cluster locking through the DLM)");
			return Classification.same(FsCategory.SHARED_DISK, host, null, shown);
		}
		Verdict flock = Verdict.cluster("the " + name + " cluster lock manager enforces flock(2)");
		if (facts.mainType().equals("gfs2")) {
			Verdict fcntl = Verdict.cluster("the GFS2 cluster lock manager (dlm plocks) enforces fcntl(2) locks");
			return new Classification(FsCategory.SHARED_DISK, flock, fcntl, null, shown);
		}
		Optional<String> stack = options.find("cluster_stack");
		stack.ifPresent(shown::add);
		boolean userStack = options.value("cluster_stack").filter((s) -> !s.equals("o2cb")).isPresent();
		Verdict fcntl = userStack ? Verdict.cluster("the OCFS2 user-space cluster stack enforces fcntl(2) locks")
				: Verdict.host("the OCFS2 o2cb cluster stack has no cluster-wide fcntl(2) locks; this node's kernel"
						+ " keeps them", stack.orElse(null), "use the FLOCK strategy, or the pcmk user-space stack");
		return new Classification(FsCategory.SHARED_DISK, flock, fcntl, null, shown);
	}

}
