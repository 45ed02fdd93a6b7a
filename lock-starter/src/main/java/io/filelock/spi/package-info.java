/**
 * What a {@link io.filelock.LockManager} offers beyond locking, for the starter's own
 * integrations (metrics, the Actuator endpoint and health) and for tools: events of every
 * acquisition and release ({@link io.filelock.spi.LockListener},
 * {@link io.filelock.spi.LockEvents}), a look at the locks without taking them
 * ({@link io.filelock.spi.LockIntrospection}), and the factory that
 * {@link io.filelock.LockManagerBuilder} builds through.
 */
@NullMarked
package io.filelock.spi;

import org.jspecify.annotations.NullMarked;
