package io.filelock.engine.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.filelock.LockScope;
import io.filelock.LockScopeException;
import io.filelock.LockStrategy;
import io.filelock.engine.Names;
import io.filelock.engine.file.scope.LockScopeProbe;
import io.filelock.engine.file.scope.ScopeReport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a file backend says of the reach of its locks when it is built: one INFO line for
 * the lock directory (the starter's startup line), a WARN for each location on a network,
 * shared-disk, FUSE or unknown filesystem whose locks do not reach every host, and, when
 * the scope required is {@link LockScope#CLUSTER}, a refusal of every location whose locks
 * do not, local filesystems included.
 */
final class LockScopes {

	private static final Log logger = LogFactory.getLog(FileBackend.class);

	private final ScopeReport directory;

	/** Reports of the locks with a file of their own, by lock name. */
	private final Map<String, ScopeReport> lockFiles = new LinkedHashMap<>();

	LockScopes(ScopeReport directory, Map<String, Path> lockFiles, LockScopeProbe probe, LockStrategy strategy) {
		this.directory = directory;
		lockFiles.forEach((name, path) -> this.lockFiles.put(name, probe.probe(path, strategy)));
	}

	/**
	 * @throws LockScopeException if a location's locks do not reach as far as
	 * {@code required}
	 */
	void require(LockScope required) {
		if (required != LockScope.CLUSTER) {
			return;
		}
		List<String> refusals = new ArrayList<>();
		this.directory.clusterRefusal("The lock directory " + this.directory.where()).ifPresent(refusals::add);
		this.lockFiles.forEach((name, report) -> report
			.clusterRefusal("The file of lock " + Names.quote(name) + ", " + report.where() + ",")
			.ifPresent(refusals::add));
		if (!refusals.isEmpty()) {
			throw new LockScopeException(required, refusals);
		}
	}

	/**
	 * Logs the startup line and the warnings, one per mount.
	 * @param how how locks are taken and waited for, such as {@code strategy FLOCK, waits
	 * in the kernel}
	 */
	/**
	 * Logs the startup line, and the warnings of locations whose locks reach fewer hosts
	 * than their filesystem is shared with.
	 * @param how how locks are taken and waited for, as the backend's status details say
	 */
	void log(Map<String, String> how) {
		logger.info("File locks in " + this.directory.where() + ": " + this.directory.summary() + "; " + describe(how));
		Set<String> warned = new HashSet<>();
		this.directory.warning("File locks in " + this.directory.where()).ifPresent((warning) -> {
			warned.add(String.valueOf(this.directory.mountPoint()));
			logger.warn(warning);
		});
		this.lockFiles.forEach((name, report) -> {
			if (!warned.contains(String.valueOf(report.mountPoint()))) {
				report.warning("File locks of " + Names.quote(name) + " in " + report.where()).ifPresent((warning) -> {
					warned.add(String.valueOf(report.mountPoint()));
					logger.warn(warning);
				});
			}
		});
	}

	/**
	 * The entries of the backend's status details as the startup line shows them:
	 * {@code strategy FLOCK, native calls through FFM, waits in the kernel}.
	 */
	private static String describe(Map<String, String> how) {
		StringJoiner text = new StringJoiner(", ");
		how.forEach((name, value) -> text.add(switch (name) {
			case "waits" -> value.equals("kernel") ? "waits in the kernel" : "waits with " + value;
			case "binding" -> "native calls through " + value.toUpperCase(Locale.ROOT);
			default -> name + " " + value;
		}));
		return text.toString();
	}

}
