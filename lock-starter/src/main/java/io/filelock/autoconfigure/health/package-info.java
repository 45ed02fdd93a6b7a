/**
 * Auto-configuration of the {@code fileLock} health contributor.
 */
@NullMarked
package io.filelock.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
