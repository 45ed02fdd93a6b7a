package io.filelock.engine.file.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Host directories shared into a virtual machine: 9P ({@code 9p}: QEMU virtfs, WSL2 drvfs)
 * and {@code virtiofs}. Sources: fs/9p/vfs_file.c (9P2000.L: {@code .lock} and {@code .flock}
 * take the lock locally, flock converted to a whole-file POSIX lock, then send TLOCK;
 * 9P2000 and 9P2000.u: {@code .lock = v9fs_file_lock}, which only flushes caches and returns
 * 0, so fcntl locks succeed and lock nothing, and there is no {@code .flock}, so the kernel
 * keeps flock locally), net/9p/client.c (mountinfo shows {@code version=9p2000.u} or
 * {@code noextend}; 9P2000.L shows nothing), QEMU hw/9pfs/9p.c (TLOCK always answers
 * success), virtiofsd (Rust) which does not implement lock requests, so the guest kernel
 * keeps the locks (fs/fuse/file.c, {@code no_lock}/{@code no_flock}).
 */
final class GuestShareRule implements ScopeRule {

	private static final String ADVICE = "put lock files on a local directory of each machine, or on NFS or"
			+ " Lustre with cluster locking";

	@Override
	public boolean applies(FsFacts facts) {
		return facts.mainType().equals("9p") || facts.mainType().equals("virtiofs");
	}

	@Override
	public Classification classify(FsFacts facts) {
		if (facts.mainType().equals("virtiofs")) {
			Verdict host = Verdict.host("virtiofs: unless virtiofsd forwards locks (the Rust virtiofsd does not),"
					+ " this guest's kernel keeps them, excluding processes of this virtual machine only", null, ADVICE);
			return Classification.same(FsCategory.NETWORK, host, null, List.of());
		}
		List<String> shown = new ArrayList<>();
		MountOptions options = facts.options();
		Optional<String> legacy = options.find("noextend").or(() -> options.find("version")
				.filter((v) -> !v.equalsIgnoreCase("version=9p2000.L")));
		options.find("trans").ifPresent(shown::add);
		if (legacy.isPresent()) {
			shown.add(legacy.get());
			Verdict fcntl = Verdict.none("the 9P2000/9P2000.u client (" + legacy.get() + ") accepts fcntl(2) locks"
					+ " without locking anything", legacy.get(), "mount with version=9p2000.L, or " + ADVICE);
			Verdict flock = Verdict.host("the 9P2000/9P2000.u client (" + legacy.get() + ") keeps flock(2) locks"
					+ " in this machine's kernel", legacy.get(), ADVICE);
			return new Classification(FsCategory.NETWORK, flock, fcntl, null, shown);
		}
		Verdict host = Verdict.host("the 9P2000.L client locks in this machine's kernel and asks the 9P server,"
				+ " which may not enforce it for other clients (QEMU's 9P server grants every lock)", null, ADVICE);
		String interplay = "the 9P2000.L client turns flock(2) into a whole-file POSIX lock, so FLOCK and FCNTL"
				+ " holders of the same file exclude each other here";
		return Classification.same(FsCategory.NETWORK, host, interplay, shown);
	}

}
