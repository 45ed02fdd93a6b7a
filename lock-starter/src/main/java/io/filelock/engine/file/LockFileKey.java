package io.filelock.engine.file;

import java.nio.file.Path;

import io.filelock.engine.BackendKey;
import io.filelock.spi.LockResource;

/**
 * A lock file: its path, absolute and normalised, is the key. Files in the lock
 * directory are managed (they carry owner records); explicit ones are locked but never
 * written to.
 */
final class LockFileKey implements BackendKey {

	final Path path;

	final boolean managed;

	private final LockResource resource;

	LockFileKey(Path path, boolean managed) {
		this.path = path;
		this.managed = managed;
		this.resource = new LockResource("file " + path, path);
	}

	@Override
	public LockResource resource() {
		return this.resource;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LockFileKey key && key.path.equals(this.path);
	}

	@Override
	public int hashCode() {
		return this.path.hashCode();
	}

	@Override
	public String toString() {
		return this.resource.description();
	}

}
