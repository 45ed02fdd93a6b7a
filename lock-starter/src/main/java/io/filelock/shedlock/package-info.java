/**
 * ShedLock on file locks: {@link io.filelock.shedlock.FileLockProvider}, a
 * {@code LockProvider} for {@code @SchedulerLock} jobs.
 */
@NullMarked
package io.filelock.shedlock;

import org.jspecify.annotations.NullMarked;
