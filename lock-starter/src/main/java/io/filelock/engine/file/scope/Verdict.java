package io.filelock.engine.file.scope;

/**
 * The scope of one lock call ({@code flock} or {@code fcntl}) on one mount, with the why.
 *
 * @param scope how far the lock reaches
 * @param reason why, in words a log reader can check ("NFS client option local_lock=all keeps
 * flock and fcntl locks on this client")
 * @param option the mount option responsible as shown in mountinfo ({@code local_lock=all},
 * {@code nobrl}, {@code localflock}), or null when no option decides
 * @param advice what to change for cluster-wide locks, or null when nothing needs changing
 */
public record Verdict(LockScope scope, String reason, String option, String advice) {

	public Verdict {
		java.util.Objects.requireNonNull(scope, "scope");
		java.util.Objects.requireNonNull(reason, "reason");
	}

	public static Verdict cluster(String reason) {
		return new Verdict(LockScope.CLUSTER, reason, null, null);
	}

	public static Verdict host(String reason, String option, String advice) {
		return new Verdict(LockScope.HOST, reason, option, advice);
	}

	public static Verdict unknown(String reason, String option, String advice) {
		return new Verdict(LockScope.UNKNOWN, reason, option, advice);
	}

	public static Verdict none(String reason, String option, String advice) {
		return new Verdict(LockScope.NONE, reason, option, advice);
	}

}
