package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.filelock.LockStrategy;
import org.jspecify.annotations.Nullable;

/**
 * Where one lock location (the lock directory, or an explicit lock file) lives and how far
 * the locks of one strategy reach there, in phrases for the startup line, the warning, the
 * refusal under a cluster scope and the backend's status details.
 *
 * @param path the path as configured
 * @param realPath the path with symbolic links resolved
 * @param mountPoint the mount point of the mount that contains it, or null if none was
 * found
 * @param fsType the filesystem type as mountinfo names it ({@code nfs4},
 * {@code fuse.sshfs}), or {@code unknown}
 * @param strategy the strategy whose lock call the verdict is for
 * @param classification both verdicts, and the options that decided them
 */
public record ScopeReport(Path path, Path realPath, @Nullable String mountPoint, String fsType, LockStrategy strategy,
		Classification classification) {

	/**
	 * The verdict for {@link #strategy()}.
	 */
	public Verdict verdict() {
		return this.classification.verdict(this.strategy);
	}

	public Reach reach() {
		return verdict().reach();
	}

	/**
	 * The path, and where it really leads when a symbolic link is involved:
	 * {@code /var/lock/app (really /run/lock/app)}.
	 */
	public String where() {
		return this.path.equals(this.realPath) ? this.path.toString() : this.path + " (really " + this.realPath + ")";
	}

	/**
	 * For the startup line: {@code tmpfs (mount /run), scope host}, with the reason when
	 * the reach is none or unknown.
	 */
	public String summary() {
		String summary = this.fsType + " (mount " + mountPointOrUnknown() + "), scope " + reach().word();
		return (reach() == Reach.NONE || reach() == Reach.UNKNOWN) ? summary + " (" + verdict().reason() + ")" : summary;
	}

	/**
	 * The warning for a network, shared-disk, FUSE or unknown filesystem whose locks do not
	 * reach every host; empty on local filesystems (where nobody expects more than this
	 * host) and for cluster-wide locks.
	 * @param subject what is there, such as {@code File locks in /mnt/nfs/locks}
	 */
	public Optional<String> warning(String subject) {
		if (reach() == Reach.CLUSTER || this.classification.category() == FsCategory.LOCAL) {
			return Optional.empty();
		}
		String state = switch (reach()) {
			case HOST -> "locks exclude processes of this host only";
			case NONE -> "locks are not enforced";
			default -> "the reach of locks is unknown";
		};
		return Optional.of(subject + " are on " + this.fsType + " mount " + mountPointOrUnknown() + ", where " + state
				+ " (" + call() + "): " + explanation());
	}

	/**
	 * Why this location breaks a cluster scope; empty when its locks reach every host.
	 * @param subject what is there, such as {@code lock directory /run/lock/app}
	 */
	public Optional<String> clusterRefusal(String subject) {
		if (reach() == Reach.CLUSTER) {
			return Optional.empty();
		}
		return Optional.of(subject + " is on " + this.fsType + " mount " + mountPointOrUnknown() + ", scope "
				+ reach().word() + " (" + call() + "): " + explanation());
	}

	/**
	 * What the status of the backend says of the lock directory: {@code filesystem},
	 * {@code mountPoint}, {@code scope}; where the reason is not plain (anything but a
	 * local filesystem), {@code scopeReason}; and where flock and fcntl locks of one file
	 * do not ignore each other as they do on local filesystems, {@code flockAndFcntl}.
	 */
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("filesystem", this.fsType);
		details.put("mountPoint", mountPointOrUnknown());
		details.put("scope", reach().word());
		if (this.classification.category() != FsCategory.LOCAL || reach() != Reach.HOST) {
			details.put("scopeReason", verdict().reason());
		}
		interplay().ifPresent((interplay) -> details.put("flockAndFcntl", interplay));
		return details;
	}

	/**
	 * How flock and fcntl locks of one file interact here, where it differs from local
	 * filesystems (on NFS they exclude each other).
	 */
	public Optional<String> interplay() {
		return Optional.ofNullable(this.classification.interplay());
	}

	/**
	 * The reason, the option responsible and what to change.
	 */
	private String explanation() {
		Verdict verdict = verdict();
		String text = verdict.reason() + ". " + ((verdict.option() != null)
				? "Responsible option: " + verdict.option() + "." : "No mount option decides this.");
		return (verdict.advice() != null) ? text + " To change: " + verdict.advice() + "." : text;
	}

	private String call() {
		return this.strategy.name().toLowerCase(Locale.ROOT);
	}

	private String mountPointOrUnknown() {
		return (this.mountPoint != null) ? this.mountPoint : "unknown";
	}

}
