/**
 * Micrometer metrics of file locks: a {@link io.filelock.engine.LockListener} that times
 * acquisitions and holds, and the gauges of a {@link io.filelock.engine.FileLockManager}.
 */
@NullMarked
package io.filelock.metrics;

import org.jspecify.annotations.NullMarked;
