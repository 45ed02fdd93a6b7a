package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the lock files of one directory (or one explicit lock path) live and how far their
 * locks reach, with the texts for the startup INFO line, the WARN and the refusal under
 * {@code scope=cluster}.
 *
 * @param directory the path as configured
 * @param realPath the path with symbolic links resolved (equal to {@code directory} when no
 * link was involved)
 * @param mountPoint the mount point of the mount that contains it, or null if not found
 * @param fsType the mountinfo type ({@code nfs4}, {@code fuse.sshfs}), or {@code unknown}
 * @param source the mount source ({@code server:/export}), or empty
 * @param strategy the lock call the verdict is for
 * @param classification both verdicts and the options that decided them
 */
public record ScopeReport(Path directory, Path realPath, String mountPoint, String fsType, String source,
		StrategyKind strategy, Classification classification) {

	/** The verdict for {@link #strategy()}. */
	public Verdict verdict() {
		return this.classification.verdict(this.strategy);
	}

	public LockScope scope() {
		return verdict().scope();
	}

	/** The mount options that decided the verdict, as shown in mountinfo. */
	public List<String> options() {
		return this.classification.relevantOptions();
	}

	/**
	 * One line for a startup INFO log, such as {@code File locks in /run/lock/myapp: tmpfs (mount
	 * /run), scope host: locks exclude processes of this host only}; the reason follows in
	 * parentheses except on local filesystems, where host-only is what everyone expects.
	 */
	public String describe() {
		StringBuilder line = new StringBuilder("File locks in ").append(where()).append(": ").append(this.fsType)
			.append(" (").append(mount());
		options().forEach((option) -> line.append(", ").append(option));
		line.append("), scope ").append(scope().word());
		if (this.strategy != StrategyKind.BOTH && !sameForBoth()) {
			line.append(" for ").append(this.strategy.word());
		}
		line.append(": ").append(scope().summary());
		if (this.classification.category() != FsCategory.LOCAL || scope() != LockScope.HOST) {
			line.append(" (").append(verdict().reason()).append(')');
		}
		return line.toString();
	}

	/**
	 * The WARN for a network, shared-disk, FUSE or unknown filesystem whose locks are not
	 * cluster-wide; empty on local filesystems and for cluster-wide locks.
	 */
	public Optional<String> warning() {
		if (scope() == LockScope.CLUSTER || this.classification.category() == FsCategory.LOCAL) {
			return Optional.empty();
		}
		Verdict verdict = verdict();
		String state = switch (scope()) {
			case HOST -> "locks reach this host only";
			case NONE -> "locks are not enforced";
			default -> "the reach of locks is unknown";
		};
		return Optional.of("File locks in " + where() + " are on " + this.fsType + " " + mount() + sourcePart() + ": "
				+ state + " for " + subject() + ". " + capitalize(verdict.reason()) + ". " + responsible()
				+ advicePart(verdict));
	}

	/** Why this path breaks {@code scope=cluster}; empty when its locks are cluster-wide. */
	public Optional<String> clusterRefusal() {
		if (scope() == LockScope.CLUSTER) {
			return Optional.empty();
		}
		Verdict verdict = verdict();
		return Optional.of(where() + " is on " + this.fsType + " " + mount() + sourcePart() + ", scope "
				+ scope().word() + " for " + subject() + ": " + verdict.reason() + ". " + responsible()
				+ advicePart(verdict));
	}

	/** How flock and fcntl locks interact here when it differs from local filesystems. */
	public Optional<String> interplay() {
		return Optional.ofNullable(this.classification.interplay());
	}

	/** The lock call the verdict is about: for BOTH with different scopes, the weaker call. */
	private String subject() {
		if (this.strategy != StrategyKind.BOTH || sameForBoth()) {
			return this.strategy.word();
		}
		Classification c = this.classification;
		return (c.flock().scope().weaker(c.fcntl().scope()) == c.flock().scope()) ? "flock" : "fcntl";
	}

	private boolean sameForBoth() {
		return this.classification.flock().scope() == this.classification.fcntl().scope();
	}

	private String where() {
		return this.directory.equals(this.realPath) ? this.directory.toString()
				: this.directory + " (really " + this.realPath + ")";
	}

	private String mount() {
		return (this.mountPoint != null) ? "mount " + this.mountPoint : "mount unknown";
	}

	/** The source, unless it says nothing ({@code tmpfs} for tmpfs, {@code none}). */
	private String sourcePart() {
		String type = this.fsType.contains(".") ? this.fsType.substring(0, this.fsType.indexOf('.')) : this.fsType;
		boolean noise = this.source.isEmpty() || this.source.equals("none") || this.source.equals(type);
		return noise ? "" : " from " + this.source;
	}

	private String responsible() {
		String option = verdict().option();
		return (option != null) ? "Responsible option: " + option + "." : "No mount option decides this.";
	}

	private static String advicePart(Verdict verdict) {
		return (verdict.advice() != null) ? " To change: " + verdict.advice() + "." : "";
	}

	private static String capitalize(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
