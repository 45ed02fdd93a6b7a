package io.filelock.autoconfigure;

import io.filelock.LockManagerBuilder;

/**
 * Customizes the {@link LockManagerBuilder} of the auto-configured
 * {@link io.filelock.LockManager}, after the {@code file-lock.*} properties have been
 * applied.
 */
@FunctionalInterface
public interface FileLockManagerBuilderCustomizer {

	void customize(LockManagerBuilder builder);

}
