/**
 * Micrometer metrics of file locks: a {@link io.filelock.spi.LockListener} that times
 * acquisitions and holds, and the gauges of a {@link io.filelock.spi.LockIntrospection}.
 */
@NullMarked
package io.filelock.metrics;

import org.jspecify.annotations.NullMarked;
