package io.filelock;

import java.io.Serial;
import java.util.List;
import java.util.Locale;

/**
 * The locks of a lock manager would not reach as far as its {@link LockScope} requires:
 * the lock directory, or a lock's own file, is on a filesystem whose locks exclude fewer
 * processes.
 */
public class LockScopeException extends LockException {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The scope required. */
	private final LockScope required;

	/** One sentence per location that falls short. */
	private final List<String> refusals;

	/**
	 * Names the scope required and every location that falls short.
	 * @param required the scope required
	 * @param refusals one sentence per location that falls short, naming the location,
	 * its filesystem type and mount point, how far its locks reach, the mount option
	 * responsible and what to change
	 */
	public LockScopeException(LockScope required, List<String> refusals) {
		super("Locks must reach scope " + required.name().toLowerCase(Locale.ROOT) + ", but "
				+ ((refusals.size() == 1) ? "one location falls" : refusals.size() + " locations fall") + " short:"
				+ System.lineSeparator() + " - " + String.join(System.lineSeparator() + " - ", refusals));
		this.required = required;
		this.refusals = List.copyOf(refusals);
	}

	/**
	 * The scope the settings require.
	 * @return the scope
	 */
	public LockScope getRequired() {
		return this.required;
	}

	/**
	 * One sentence per location whose locks fall short.
	 * @return the sentences
	 */
	public List<String> getRefusals() {
		return this.refusals;
	}

}
