package io.filelock.engine;

/**
 * The owner of a detached hold: a token that belongs to no thread and equals nothing but
 * itself, so that no later request, not even one of the thread that took it, re-enters
 * the hold, and its handle may be closed from any thread.
 */
final class DetachedOwner {

	private final String acquiredBy;

	DetachedOwner(Thread acquiredBy) {
		this.acquiredBy = acquiredBy.getName();
	}

	/**
	 * How holders and messages name it: the thread that took it, marked detached.
	 */
	@Override
	public String toString() {
		return this.acquiredBy + " (detached)";
	}

}
