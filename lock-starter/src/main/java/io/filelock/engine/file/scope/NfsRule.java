package io.filelock.engine.file.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NFS ({@code nfs} for v2/v3, {@code nfs4}). Sources: nfs(5) ("lock / nolock",
 * "local_lock=mechanism", both listed for NFS versions 2 and 3 only), flock(2) "NFS
 * details", fs/nfs/fs_context.c (nolock sets both local flags; for NFSv4
 * {@code nfs_fs_context_validate} clears nolock and both local flags again, so NFSv4 locks
 * always go to the server), fs/nfs/file.c ({@code nfs_lock} and {@code nfs_flock} lock
 * locally when the mount's local flag is set, else ask the server; flock is sent as a
 * whole-file byte-range lock), fs/nfs/super.c (mountinfo always shows
 * {@code local_lock=none|all|flock|posix} from the flags in effect, and {@code nolock}).
 * The rule reads the flags as shown, which is what the kernel obeys, whatever the version.
 */
final class NfsRule implements ScopeRule {

	private static final String INTERPLAY = "the NFS client sends flock(2) as a whole-file byte-range lock,"
			+ " so FLOCK and FCNTL holders of the same file exclude each other here";

	@Override
	public boolean applies(FsFacts facts) {
		return facts.mainType().equals("nfs") || facts.mainType().equals("nfs4");
	}

	@Override
	public Classification classify(FsFacts facts) {
		MountOptions options = facts.options();
		List<String> shown = new ArrayList<>();
		options.find("vers").ifPresent(shown::add);
		Optional<String> nolock = options.find("nolock");
		Optional<String> localLock = options.find("local_lock");
		nolock.ifPresent(shown::add);
		localLock.ifPresent(shown::add);
		String mode = nolock.isPresent() ? "all" : localLock.map((o) -> o.substring(o.indexOf('=') + 1)).orElse("none");
		String option = nolock.orElse(localLock.orElse(null));
		boolean flockLocal = mode.equals("all") || mode.equals("flock");
		boolean fcntlLocal = mode.equals("all") || mode.equals("posix");
		if (!mode.matches("all|flock|posix|none")) {
			Verdict unknown = Verdict.unknown("unrecognised NFS option " + option, option, null);
			return Classification.same(FsCategory.NETWORK, unknown, null, shown);
		}
		Verdict flock = flockLocal ? local("flock", option, facts) : Verdict.cluster(
				"the NFS server enforces flock(2), which the client sends as a whole-file byte-range lock"
						+ serverPart(facts));
		Verdict fcntl = fcntlLocal ? local("fcntl", option, facts) : Verdict.cluster(
				"the NFS server enforces fcntl(2) byte-range locks" + serverPart(facts));
		String interplay = (!flockLocal && !fcntlLocal) ? INTERPLAY : null;
		return new Classification(FsCategory.NETWORK, flock, fcntl, interplay, shown);
	}

	private static Verdict local(String call, String option, FsFacts facts) {
		String why = option.equals("nolock") ? "NFS client option nolock keeps flock and fcntl locks on this client"
				: "NFS client option " + option + " keeps " + (option.endsWith("all") ? "flock and fcntl" : call)
						+ " locks on this client";
		return Verdict.host(why + "; other NFS clients can take the same lock",
				option, "remount without " + option + (serverPart(facts).contains("NLM")
						? " (NLM locking needs rpc.statd running here and the server's lockd reachable)" : ""));
	}

	private static String serverPart(FsFacts facts) {
		String vers = facts.options().value("vers").orElse(facts.mainType().equals("nfs4") ? "4" : "");
		return vers.startsWith("4") ? ", with NFSv4 protocol locks" : vers.isEmpty() ? "" : ", through NLM (NFSv" + vers + ")";
	}

}
