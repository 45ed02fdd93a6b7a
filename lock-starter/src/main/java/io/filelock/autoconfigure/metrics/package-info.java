/**
 * Auto-configuration of file lock metrics.
 */
@NullMarked
package io.filelock.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
