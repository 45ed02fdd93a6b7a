package io.filelock.engine.file;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What the FFM calls of one thread need: where {@code errno} is captured, and a buffer
 * for {@code pwrite} and {@code pread}, grown when needed. Both live as long as the
 * thread's instance, in memory the garbage collector frees.
 */
final class FfmScratch {

	final MemorySegment capture = Arena.ofAuto().allocate(FfmLinker.CAPTURE_LAYOUT);

	private MemorySegment buffer = MemorySegment.NULL;

	/** The {@code errno} the last call captured. */
	int errno() {
		return this.capture.get(ValueLayout.JAVA_INT, FfmLinker.ERRNO_OFFSET);
	}

	/** Throws the captured {@code errno}; declared to return for the callers' convenience. */
	int fail() throws ErrnoException {
		throw new ErrnoException(errno());
	}

	MemorySegment buffer(int size) {
		if (this.buffer.byteSize() < size) {
			this.buffer = Arena.ofAuto().allocate(Math.max(size, 256));
		}
		return this.buffer;
	}

}
