package io.filelock.engine.file.scope;

/** Classifies the mounts of one family of filesystem types. */
interface ScopeRule {

	/** Whether this rule knows {@code facts.fsType()}. */
	boolean applies(FsFacts facts);

	/** Both verdicts; only called when {@link #applies} is true. */
	Classification classify(FsFacts facts);

}
