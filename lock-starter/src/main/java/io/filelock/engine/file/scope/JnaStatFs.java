package io.filelock.engine.file.scope;

import java.nio.file.Path;
import java.util.OptionalLong;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * {@code statfs(2)} through JNA direct mapping. Only the first field of
 * {@code struct statfs} is read: {@code f_type}, a {@code long} ({@code __fsword_t}) on the
 * 64-bit Linux ABIs bound here (x86-64 and aarch64; on s390x it is a 4-byte field, on 32-bit
 * ABIs the struct differs, so those are left unbound). The buffer is larger than the
 * 120-byte struct so that a future, longer struct cannot overrun it.
 */
final class JnaStatFs implements StatFs {

	static final boolean AVAILABLE;

	private static final int BUFFER_SIZE = 256;

	static {
		boolean ok = false;
		if (Platform.isLinux() && Platform.is64Bit() && (Platform.isIntel() || Platform.isARM())) {
			try {
				Native.register(JnaStatFs.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
				ok = true;
			}
			catch (UnsatisfiedLinkError | RuntimeException ex) {
				ok = false;
			}
		}
		AVAILABLE = ok;
	}

	private static native int statfs(String path, Pointer buf) throws LastErrorException;

	@Override
	public OptionalLong magic(Path existingPath) {
		if (!AVAILABLE) {
			return OptionalLong.empty();
		}
		try (Memory buf = new Memory(BUFFER_SIZE)) {
			buf.clear();
			statfs(existingPath.toString(), buf);
			return OptionalLong.of(buf.getLong(0) & 0xFFFFFFFFL);
		}
		catch (LastErrorException ex) {
			return OptionalLong.empty();
		}
	}

}
