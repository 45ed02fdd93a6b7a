package io.filelock.engine.file;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockIntrospection;

/**
 * The main class of a child JVM that shows which binding and strategy a manager built
 * with the defaults uses there: {@code DIR} says {@code strategy=S binding=B jna=present|absent},
 * then holds the lock {@code probe} EXCLUSIVE ({@code held FILE}) until a line arrives on
 * its input, and says {@code released}.
 */
public final class BindingProbe {

	private BindingProbe() {
	}

	public static void main(String[] args) throws Exception {
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try (LockManager manager = LockManager.builder().directory(Path.of(args[0])).build()) {
			LockBackendStatus status = ((LockIntrospection) manager).backendStatus();
			say("strategy=" + status.details().get("strategy") + " binding=" + status.details().get("binding")
					+ " jna=" + (jnaPresent() ? "present" : "absent"));
			try (LockHandle handle = manager.acquire("probe", LockMode.EXCLUSIVE)) {
				say("held " + handle.path());
				input.readLine();
			}
			say("released");
		}
	}

	/** Looked up as a resource: loading the class would load JNA. */
	private static boolean jnaPresent() {
		return BindingProbe.class.getClassLoader().getResource("com/sun/jna/Native.class") != null;
	}

	private static void say(String line) {
		System.out.println(LockTestProcess.MARK + line);
		System.out.flush();
	}

}
