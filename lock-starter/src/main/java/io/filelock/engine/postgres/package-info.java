/**
 * The PostgreSQL backend, internal: a lock named {@code N} is the session-level advisory
 * lock whose key is the first 8 bytes of SHA-256 of {@code "file-lock:" + N}
 * ({@link io.filelock.engine.postgres.AdvisoryKey}), held on connections of the backend's
 * own ({@link io.filelock.engine.postgres.Sessions}). Loaded only when a lock manager is
 * built with {@link io.filelock.LockBackendKind#POSTGRES}; it reaches the JDBC driver
 * through {@code java.sql} only, so the driver is needed on the class path then and never
 * otherwise.
 */
@NullMarked
package io.filelock.engine.postgres;

import org.jspecify.annotations.NullMarked;
