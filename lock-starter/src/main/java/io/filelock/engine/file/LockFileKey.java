package io.filelock.engine.file;

import java.nio.file.Path;

import io.filelock.engine.BackendKey;
import io.filelock.spi.LockResource;
import org.jspecify.annotations.Nullable;

/**
 * A lock file: its path, absolute and normalised, is the key. Files in the lock
 * directory are managed (they carry owner records); explicit ones are locked but never
 * written to, their owner record going to a {@link SidecarRecord sidecar}.
 */
final class LockFileKey implements BackendKey {

	final Path path;

	final boolean managed;

	/** Where the owner record of an explicit path goes; null for a managed file, or if there is no such place. */
	final @Nullable Path sidecar;

	private final LockResource resource;

	LockFileKey(Path path, boolean managed, @Nullable Path sidecar) {
		this.path = path;
		this.managed = managed;
		this.sidecar = (sidecar != null && !sidecar.equals(path)) ? sidecar : null;
		this.resource = new LockResource("file " + path, path);
	}

	/**
	 * The file whose start holds the owner record: the lock file itself, or its sidecar.
	 */
	@Nullable Path recordFile() {
		return this.managed ? this.path : this.sidecar;
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
