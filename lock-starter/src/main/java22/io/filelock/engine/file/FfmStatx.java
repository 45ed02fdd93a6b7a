package io.filelock.engine.file;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One {@code statx(2)} call through FFM, with its path and buffer allocated once, in
 * memory the garbage collector frees with this object. Not thread-safe.
 */
final class FfmStatx implements Posix.Statx {

	private final int directory;

	private final MemorySegment path;

	private final int flags;

	private final int mask;

	private final MemorySegment buffer = Arena.ofAuto().allocate(Posix.Statx.SIZE, Long.BYTES);

	private final MemorySegment capture = Arena.ofAuto().allocate(FfmLinker.CAPTURE_LAYOUT);

	FfmStatx(int directory, MemorySegment path, int flags, int mask) {
		this.directory = directory;
		this.path = path;
		this.flags = flags;
		this.mask = mask;
	}

	@Override
	public int read() {
		int result;
		try {
			result = (int) FfmPosix.STATX.invokeExact(this.capture, this.directory, this.path, this.flags, this.mask,
					this.buffer);
		}
		catch (Throwable ex) {
			throw FfmLinker.unexpected(ex);
		}
		return (result == 0) ? 0 : this.capture.get(ValueLayout.JAVA_INT, FfmLinker.ERRNO_OFFSET);
	}

	@Override
	public long device() {
		return this.buffer.get(ValueLayout.JAVA_LONG, Posix.Statx.DEVICE_OFFSET);
	}

	@Override
	public long inode() {
		return this.buffer.get(ValueLayout.JAVA_LONG, Posix.Statx.INODE_OFFSET);
	}

	@Override
	public long size() {
		return this.buffer.get(ValueLayout.JAVA_LONG, Posix.Statx.SIZE_OFFSET);
	}

}
