package io.filelock.spi;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * What a named lock is held on outside the JVM.
 *
 * @param description for messages: {@code file /var/lock/app/job.lock}
 * @param file the lock file, or null if the lock is not held on a file
 */
public record LockResource(String description, @Nullable Path file) {
}
