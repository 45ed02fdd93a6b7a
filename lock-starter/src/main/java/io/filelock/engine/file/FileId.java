package io.filelock.engine.file;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which file a path or descriptor names: device and inode, or the JDK's file key.
 * {@link #MISSING} (no file) matches nothing; {@link #UNKNOWN} (a file system that cannot
 * tell) matches everything, so that a check never fails for want of an answer.
 */
final class FileId {

	static final FileId MISSING = new FileId(null);

	static final FileId UNKNOWN = new FileId(null);

	private final @Nullable Object key;

	private final long device;

	private final long inode;

	private FileId(@Nullable Object key) {
		this(key, 0, 0);
	}

	private FileId(@Nullable Object key, long device, long inode) {
		this.key = key;
		this.device = device;
		this.inode = inode;
	}

	/**
	 * @param device {@code stx_dev_major} and {@code stx_dev_minor} as one value
	 * @param inode {@code stx_ino}
	 */
	static FileId of(long device, long inode) {
		return new FileId(null, device, inode);
	}

	/**
	 * From the JDK's {@code BasicFileAttributes.fileKey()}, which may be null.
	 */
	static FileId ofKey(@Nullable Object fileKey) {
		return (fileKey != null) ? new FileId(fileKey) : UNKNOWN;
	}

	boolean sameAs(FileId other) {
		if (this == UNKNOWN || other == UNKNOWN) {
			return true;
		}
		if (this == MISSING || other == MISSING) {
			return false;
		}
		return Objects.equals(this.key, other.key) && this.device == other.device && this.inode == other.inode;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FileId id && this != MISSING && this != UNKNOWN && id != MISSING && id != UNKNOWN
				&& sameAs(id);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.key, this.device, this.inode);
	}

	@Override
	public String toString() {
		if (this == MISSING) {
			return "missing";
		}
		if (this == UNKNOWN) {
			return "unknown";
		}
		return (this.key != null) ? this.key.toString() : "device " + this.device + ", inode " + this.inode;
	}

}
