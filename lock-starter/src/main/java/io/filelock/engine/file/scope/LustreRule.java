package io.filelock.engine.file.scope;

import java.util.ArrayList;
import java.util.List;

/**
 * Lustre clients. Sources: mount.lustre(8) (flock, localflock, noflock; flock is the default
 * since Lustre 2.12.3), lustre/llite/file.c (one {@code file_operations} per mode: with
 * {@code flock} both {@code .flock} and {@code .lock} go to {@code ll_file_flock}, an
 * LDLM_FLOCK lock on the MDT; with {@code localflock} neither is set, so the kernel keeps
 * them; with {@code noflock} both return ENOSYS), lustre/llite/llite_lib.c
 * ({@code ll_show_options} always shows exactly one of the three).
 */
final class LustreRule implements ScopeRule {

	private static final String ADVICE = "mount every client with -o flock (the default since Lustre 2.12.3)";

	@Override
	public boolean applies(FsFacts facts) {
		return facts.mainType().equals("lustre");
	}

	@Override
	public Classification classify(FsFacts facts) {
		MountOptions options = facts.options();
		List<String> shown = new ArrayList<>();
		Verdict both;
		String interplay = null;
		if (options.has("localflock")) {
			shown.add("localflock");
			both = Verdict.host("Lustre client option localflock keeps flock and fcntl locks on this client;"
					+ " other clients can take the same lock", "localflock", ADVICE);
		}
		else if (options.has("noflock")) {
			shown.add("noflock");
			both = Verdict.none("Lustre client option noflock makes flock(2) and fcntl(2) locks fail with ENOSYS",
					"noflock", ADVICE);
		}
		else if (options.has("flock")) {
			shown.add("flock");
			both = Verdict.cluster("the Lustre metadata server enforces flock and fcntl locks (option flock)");
			interplay = "Lustre sends flock(2) as a whole-file lock in the same lock space as fcntl(2) record locks,"
					+ " so FLOCK and FCNTL holders of the same file exclude each other here";
		}
		else {
			both = Verdict.unknown("the Lustre mount shows none of flock, localflock, noflock (the default is flock"
					+ " since Lustre 2.12.3, noflock before)", null, ADVICE);
		}
		return Classification.same(FsCategory.NETWORK, both, interplay, shown);
	}

}
