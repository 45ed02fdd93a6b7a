/**
 * Where the engine is put together, internal: {@link io.filelock.LockManagerBuilder#build()}
 * finds {@link io.filelock.engine.provider.DefaultLockManagerProvider} through
 * {@link java.util.ServiceLoader}, and it builds the coordination of
 * {@code io.filelock.engine} over the backend the settings ask for.
 */
@NullMarked
package io.filelock.engine.provider;

import org.jspecify.annotations.NullMarked;
