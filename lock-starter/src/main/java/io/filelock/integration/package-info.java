/**
 * Spring Integration on file locks: {@link io.filelock.integration.FileLockRegistry}, a
 * {@code LockRegistry} for leader election and the other components that take one.
 */
@NullMarked
package io.filelock.integration;

import org.jspecify.annotations.NullMarked;
