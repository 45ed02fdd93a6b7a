package io.filelock.engine.file.scope;

import java.util.List;

import io.filelock.LockStrategy;
import org.jspecify.annotations.Nullable;

/**
 * The reach of both lock calls on one mount.
 *
 * @param category what kind of filesystem it is
 * @param flock the verdict for {@code flock(2)} (the {@code FLOCK} strategy)
 * @param fcntl the verdict for {@code fcntl(2)} record locks (the {@code FCNTL} strategy)
 * @param interplay how flock and fcntl locks of the same file interact there, where it
 * differs from local Linux filesystems (on which they are independent); null otherwise
 * @param relevantOptions the options that decided, as mountinfo shows them
 */
public record Classification(FsCategory category, Verdict flock, Verdict fcntl, @Nullable String interplay,
		List<String> relevantOptions) {

	public Classification {
		relevantOptions = List.copyOf(relevantOptions);
	}

	/**
	 * Both calls with the same verdict.
	 */
	static Classification same(FsCategory category, Verdict both, @Nullable String interplay, List<String> options) {
		return new Classification(category, both, both, interplay, options);
	}

	/**
	 * The verdict for the lock call of {@code strategy} ({@link LockStrategy#AUTO} must
	 * be resolved first). For {@link LockStrategy#BOTH} the wider of the two: copies that
	 * take both locks exclude each other as far as either lock reaches (a program that
	 * takes one kind only is excluded as far as that kind reaches).
	 */
	public Verdict verdict(LockStrategy strategy) {
		return switch (strategy) {
			case FLOCK -> this.flock;
			case FCNTL -> this.fcntl;
			case BOTH -> (this.flock.reach().compareTo(this.fcntl.reach()) >= 0) ? this.flock : this.fcntl;
			case AUTO -> throw new IllegalArgumentException("resolve the AUTO strategy first");
		};
	}

}
