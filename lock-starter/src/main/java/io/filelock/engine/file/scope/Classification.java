package io.filelock.engine.file.scope;

import java.util.List;

/**
 * The scope of both lock calls on one mount.
 *
 * @param category what kind of filesystem it is
 * @param flock the verdict for {@code flock(2)}
 * @param fcntl the verdict for {@code fcntl(2)} record locks
 * @param interplay how flock and fcntl locks interact there when it differs from local
 * Linux filesystems (where they are independent), or null
 * @param relevantOptions the options shown in reports (those that decided, and the
 * protocol version where it matters)
 */
public record Classification(FsCategory category, Verdict flock, Verdict fcntl, String interplay,
		List<String> relevantOptions) {

	public Classification {
		relevantOptions = List.copyOf(relevantOptions);
	}

	/** Both calls with the same verdict. */
	static Classification same(FsCategory category, Verdict both, String interplay, List<String> options) {
		return new Classification(category, both, both, interplay, options);
	}

	/**
	 * The verdict for a strategy; for {@link StrategyKind#BOTH} the weaker one, or when both
	 * have the same scope for different reasons, one verdict naming both reasons.
	 */
	public Verdict verdict(StrategyKind strategy) {
		return switch (strategy) {
			case FLOCK -> this.flock;
			case FCNTL -> this.fcntl;
			case BOTH -> combined();
		};
	}

	private Verdict combined() {
		if (this.flock.equals(this.fcntl)) {
			return this.flock;
		}
		if (this.flock.scope() != this.fcntl.scope()) {
			return (this.flock.scope().weaker(this.fcntl.scope()) == this.flock.scope()) ? this.flock : this.fcntl;
		}
		String reason = this.flock.reason().equals(this.fcntl.reason()) ? this.flock.reason()
				: "flock: " + this.flock.reason() + "; fcntl: " + this.fcntl.reason();
		String option = (this.flock.option() != null) ? this.flock.option() : this.fcntl.option();
		String advice = (this.flock.advice() != null) ? this.flock.advice() : this.fcntl.advice();
		return new Verdict(this.flock.scope(), reason, option, advice);
	}

}
