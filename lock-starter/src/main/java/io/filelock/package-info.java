/**
 * The public API: {@link io.filelock.LockManager}, {@link io.filelock.LockHandle},
 * {@link io.filelock.FileLocked} and their companions.
 */
@NullMarked
package io.filelock;

import org.jspecify.annotations.NullMarked;
