/**
 * The locking engine: per-JVM coordination of threads, operating-system lock strategies
 * ({@code flock(2)} through JNA, POSIX locks through {@code FileChannel}), waiting with
 * backoff and owner records. Knows nothing of Spring AOP.
 */
@NullMarked
package io.filelock.engine;

import org.jspecify.annotations.NullMarked;
