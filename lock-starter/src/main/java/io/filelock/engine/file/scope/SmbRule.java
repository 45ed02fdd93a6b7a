package io.filelock.engine.file.scope;

import java.util.ArrayList;
import java.util.List;

/**
 * SMB/CIFS ({@code cifs}, {@code smb3}). Sources: mount.cifs(8) ({@code nobrl}: "Do not send
 * byte range lock requests to the server"), fs/smb/client/cifsfs.c (the {@code *_nobrl_ops}
 * file operations have neither {@code .lock} nor {@code .flock}, so with nobrl the kernel
 * keeps both kinds locally; without it {@code cifs_lock} and {@code cifs_flock} send
 * byte-range locks), flock(2) "CIFS details" (flock is sent to the server only since Linux
 * 5.5; SMB locks are mandatory: I/O from another descriptor fails with EACCES).
 */
final class SmbRule implements ScopeRule {

	private static final String MANDATORY = "SMB byte-range locks are mandatory: while one descriptor holds the"
			+ " lock, reads and writes of the file through other descriptors fail with EACCES";

	@Override
	public boolean applies(FsFacts facts) {
		return facts.mainType().equals("cifs") || facts.mainType().equals("smb3");
	}

	@Override
	public Classification classify(FsFacts facts) {
		List<String> shown = new ArrayList<>();
		facts.options().find("vers").ifPresent(shown::add);
		if (facts.options().has("nobrl")) {
			shown.add("nobrl");
			Verdict host = Verdict.host("SMB client option nobrl keeps flock and fcntl locks on this client;"
					+ " other clients can take the same lock", "nobrl", "remount without nobrl");
			return Classification.same(FsCategory.NETWORK, host, null, shown);
		}
		Verdict fcntl = Verdict.cluster("the SMB server enforces fcntl(2) locks as byte-range locks");
		Verdict flock;
		String interplay = MANDATORY;
		if (facts.kernel().atLeast(5, 5)) {
			flock = Verdict.cluster("the SMB server enforces flock(2), sent as a whole-file byte-range lock");
			interplay = "flock(2) is sent as a whole-file byte-range lock, so FLOCK and FCNTL holders of the same"
					+ " file exclude each other here; " + MANDATORY;
		}
		else if (facts.kernel().known()) {
			flock = Verdict.host("Linux " + facts.kernel() + " keeps flock(2) on SMB mounts on this client (sent to"
					+ " the server only since Linux 5.5)", null, "use the FCNTL strategy, or Linux 5.5 or later");
		}
		else {
			flock = Verdict.unknown("the kernel version is unknown; Linux sends flock(2) to SMB servers only since"
					+ " 5.5", null, "use the FCNTL strategy");
		}
		return new Classification(FsCategory.NETWORK, flock, fcntl, interplay, shown);
	}

}
