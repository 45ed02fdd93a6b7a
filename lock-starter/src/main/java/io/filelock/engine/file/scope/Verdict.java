package io.filelock.engine.file.scope;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The reach of one lock call ({@code flock} or {@code fcntl}) on one mount, and why.
 *
 * @param reach how far the lock reaches
 * @param reason why, in words a reader of the log can check ("NFS client option
 * local_lock=all keeps flock and fcntl locks on this client")
 * @param option the mount option responsible, as mountinfo shows it
 * ({@code local_lock=all}, {@code nobrl}, {@code localflock}), or null when no option
 * decides
 * @param advice what to change for cluster-wide locks, or null when nothing needs to
 */
public record Verdict(Reach reach, String reason, @Nullable String option, @Nullable String advice) {

	public Verdict {
		Objects.requireNonNull(reach, "reach");
		Objects.requireNonNull(reason, "reason");
	}

	static Verdict cluster(String reason) {
		return new Verdict(Reach.CLUSTER, reason, null, null);
	}

	static Verdict host(String reason, @Nullable String option, @Nullable String advice) {
		return new Verdict(Reach.HOST, reason, option, advice);
	}

	static Verdict unknown(String reason, @Nullable String option, @Nullable String advice) {
		return new Verdict(Reach.UNKNOWN, reason, option, advice);
	}

	static Verdict none(String reason, @Nullable String option, @Nullable String advice) {
		return new Verdict(Reach.NONE, reason, option, advice);
	}

}
