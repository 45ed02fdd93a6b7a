package io.filelock.engine.file.scope;

import java.util.List;

/**
 * The CephFS kernel client. Source: fs/ceph/locks.c ({@code ceph_lock} and
 * {@code ceph_flock} send CEPH_LOCK_FCNTL and CEPH_LOCK_FLOCK requests to the MDS before
 * recording the lock locally; the two lock types are kept apart).
 */
final class CephRule implements ScopeRule {

	@Override
	public boolean applies(FsFacts facts) {
		return facts.mainType().equals("ceph");
	}

	@Override
	public Classification classify(FsFacts facts) {
		return new Classification(FsCategory.NETWORK,
				Verdict.cluster("the Ceph metadata server enforces flock(2) locks"),
				Verdict.cluster("the Ceph metadata server enforces fcntl(2) locks"), null, List.of());
	}

}
