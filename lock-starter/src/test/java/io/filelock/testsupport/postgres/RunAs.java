package io.filelock.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;

/**
 * The operating-system user that runs initdb, pg_ctl and postgres.
 *
 * <p>PostgreSQL refuses to run as root. When the build runs as root, server programs run as an
 * unprivileged user instead (system property {@value #USER_PROPERTY}, default {@code nobody})
 * through util-linux's {@code runuser -u USER --}, which needs no password, keeps the environment
 * and sets the user's groups; otherwise they run as the current user, unchanged.
 */
final class RunAs {

	static final String USER_PROPERTY = "filelock.test.postgres.user";

	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

	/** {@code null} when the build is not root and programs run as the current user. */
	private final String user;
	private final Path runuser;

	private RunAs(String user, Path runuser) {
		this.user = user;
		this.runuser = runuser;
	}

	static RunAs detect() {
		if (new UnixSystem().getUid() != 0) {
			return new RunAs(null, null);
		}
		Path runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
				.map(Path::of)
				.filter(Files::isExecutable)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("the build runs as root and PostgreSQL refuses to run"
						+ " as root, but runuser (util-linux) was not found to start it as an unprivileged user"));
		return new RunAs(System.getProperty(USER_PROPERTY, "nobody"), runuser);
	}

	/** The command that runs {@code command} as this user. */
	List<String> wrap(List<String> command) {
		if (user == null) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(List.of(runuser.toString(), "-u", user, "--"));
		wrapped.addAll(command);
		return wrapped;
	}

	/** Makes this user the owner of {@code path}; a no-op when programs run as the current user. */
	void own(Path path) {
		if (user == null) {
			return;
		}
		try {
			Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not give " + path + " to user " + user, e);
		}
	}

	/**
	 * Throws unless this user can list and traverse {@code directory}: a directory under a
	 * non-traversable one (such as {@code /root}) would make initdb or postgres fail obscurely.
	 */
	void requireAccess(Path directory) {
		if (user == null) {
			return;
		}
		String dir = directory.toString();
		ProcessResult result = ProcessRunner.run(wrap(List.of("test", "-r", dir, "-a", "-x", dir)), Map.of(),
				Path.of("/"), CHECK_TIMEOUT);
		if (!result.succeeded()) {
			throw new IllegalStateException("the build runs as root, so PostgreSQL runs as user '" + user
					+ "', who cannot reach " + directory + " (is a parent directory private?); set -D"
					+ PostgresServer.DIRECTORY_PROPERTY + " to a directory every user can traverse, such as /tmp"
					+ (result.output().isEmpty() ? "" : ": " + result.output()));
		}
	}

	@Override
	public String toString() {
		return user == null ? "the current user" : "user '" + user + "' (through " + runuser + ")";
	}
}
