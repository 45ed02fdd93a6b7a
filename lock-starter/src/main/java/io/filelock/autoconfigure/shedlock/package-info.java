/**
 * Auto-configuration of the ShedLock {@code LockProvider} on file locks.
 */
@NullMarked
package io.filelock.autoconfigure.shedlock;

import org.jspecify.annotations.NullMarked;
