package io.filelock.engine.file.scope;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether a flock(2) held through one path excludes a flock through another, checked with
 * two {@code flock(1)} processes, so that the kernel, not the JVM, decides.
 */
final class FlockCheck {

	private FlockCheck() {
	}

	static boolean excludes(Path holderPath, Path otherPath) throws IOException, InterruptedException {
		Process holder = new ProcessBuilder("flock", "-x", holderPath.toString(), "-c", "echo held; exec sleep 60")
			.redirectErrorStream(true).start();
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
			String line = out.readLine();
			if (!"held".equals(line)) {
				throw new IOException("flock(1) did not take the lock on " + holderPath + ": " + line);
			}
			Process other = new ProcessBuilder("flock", "-n", "-E", "75", otherPath.toString(), "true").start();
			if (!other.waitFor(10, TimeUnit.SECONDS)) {
				other.destroyForcibly();
				throw new IOException("flock -n did not return");
			}
			return other.exitValue() == 75;
		}
		finally {
			holder.descendants().forEach(ProcessHandle::destroyForcibly);
			holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
