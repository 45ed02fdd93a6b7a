/**
 * Where a lock file really is and how far its locks reach: the mount that contains a
 * path ({@code /proc/self/mountinfo}, checked against {@code statfs(2)}), its type and
 * options, and per filesystem family the {@link io.filelock.engine.file.scope.Reach} of
 * {@code flock(2)} and {@code fcntl(2)} locks there, with the reason, the option
 * responsible and what to change. Internal to the file backend.
 */
@NullMarked
package io.filelock.engine.file.scope;

import org.jspecify.annotations.NullMarked;
