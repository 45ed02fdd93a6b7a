/**
 * Support of {@link io.filelock.FileLocked @FileLocked}: each annotated method is read
 * once into an immutable spec, and an advisor
 * hands every call to the {@link io.filelock.LockManager}.
 */
@NullMarked
package io.filelock.annotation;

import org.jspecify.annotations.NullMarked;
