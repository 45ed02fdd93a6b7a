/**
 * Health indicator of the lock directory.
 */
@NullMarked
package io.filelock.actuate.health;

import org.jspecify.annotations.NullMarked;
