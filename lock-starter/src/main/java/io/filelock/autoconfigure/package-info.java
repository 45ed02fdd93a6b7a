/**
 * Auto-configuration of the {@link io.filelock.LockManager} and of
 * {@link io.filelock.FileLocked @FileLocked} from {@code file-lock.*} properties.
 */
@NullMarked
package io.filelock.autoconfigure;

import org.jspecify.annotations.NullMarked;
