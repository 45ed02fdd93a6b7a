package io.filelock.engine.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.filelock.LockException;
import io.filelock.engine.BackendKey;
import io.filelock.engine.Names;
import io.filelock.spi.LockResource;

/**
 * The advisory lock of a name. The key of lock {@code N} is the first 8 bytes of SHA-256
 * of the UTF-8 bytes of {@code "file-lock:" + N}, read as a big-endian signed 64-bit
 * integer; in SQL, {@code ('x' || left(encode(sha256(convert_to('file-lock:' || N,
 * 'UTF8')), 'hex'), 16))::bit(64)::bigint}. Other programs take the same lock with it, so
 * it never changes. Keys are equal exactly when the locks are one: two names whose keys
 * collide share a lock (they over-lock, never under-lock).
 */
final class AdvisoryKey implements BackendKey {

	private static final String PREFIX = "file-lock:";

	final long value;

	private final LockResource resource;

	private AdvisoryKey(long value, String name) {
		this.value = value;
		this.resource = new LockResource("PostgreSQL advisory lock " + value + " (" + Names.quote(name) + ")", null);
	}

	/**
	 * @throws LockException if the name is empty or blank
	 */
	static AdvisoryKey of(String name) {
		if (name.isBlank()) {
			throw new LockException("Invalid lock name " + Names.quote(name) + ": it is empty or blank");
		}
		return new AdvisoryKey(keyOf(name), name);
	}

	static long keyOf(String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((PREFIX + name).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * The high 32 bits, as {@code pg_locks.classid} shows them.
	 */
	long classId() {
		return this.value >>> 32;
	}

	/**
	 * The low 32 bits, as {@code pg_locks.objid} shows them.
	 */
	long objectId() {
		return this.value & 0xFFFF_FFFFL;
	}

	@Override
	public LockResource resource() {
		return this.resource;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AdvisoryKey key && key.value == this.value;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.value);
	}

	@Override
	public String toString() {
		return this.resource.description();
	}

}
