/**
 * The locking engine, internal: the coordination of the threads of one JVM over one lock
 * ({@link io.filelock.engine.Admission}: reentrancy, shared and exclusive holders, a fair
 * line of waiters, hand-off without leaving the JVM, turns for other processes) above a
 * {@link io.filelock.engine.LockBackend} that meets other processes. Knows no backend
 * (they are in {@code .file} and {@code .postgres}, put together in {@code .provider}),
 * nor Spring AOP, Micrometer or Actuator.
 */
@NullMarked
package io.filelock.engine;

import org.jspecify.annotations.NullMarked;
