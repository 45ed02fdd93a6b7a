/**
 * Auto-configuration of the Spring Integration {@code LockRegistry} on file locks.
 */
@NullMarked
package io.filelock.autoconfigure.integration;

import org.jspecify.annotations.NullMarked;
