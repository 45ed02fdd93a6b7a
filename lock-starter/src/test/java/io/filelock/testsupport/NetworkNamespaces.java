package io.filelock.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * "Hosts" made of Linux network namespaces, each joined to this host by a veth pair:
 * host {@code i} is {@code 10.251.i.2}, this host's end of its link {@code 10.251.i.1}. A
 * host's link can be cut ({@link #cut}) the way a pulled cable or a dead switch cuts it:
 * packets vanish without a word. Needs root and {@code ip} (iproute2); {@link #whyNot}
 * says why they cannot be made here. {@link #close} removes every namespace and link.
 */
public final class NetworkNamespaces implements AutoCloseable {

	private final String prefix = "fl" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

	private final List<String> namespaces = new ArrayList<>();

	/**
	 * Why namespaces cannot be made here, or null if they can.
	 */
	public static String whyNot() {
		try {
			String probe = "fl-probe-" + ProcessHandle.current().pid();
			Result added = run("ip", "netns", "add", probe);
			if (added.exit() != 0) {
				return "network namespaces cannot be made here (ip netns add: " + added.output().strip() + ")";
			}
			run("ip", "netns", "del", probe);
			return null;
		}
		catch (IOException ex) {
			return "the ip command (iproute2) is not available: " + ex.getMessage();
		}
	}

	/**
	 * Makes host {@code index} (1 to 254) and its link.
	 * @return this host's address on the link, which the server listens on
	 */
	public String addHost(int index) throws IOException {
		String namespace = namespace(index);
		String outside = this.prefix + index + "h";
		String inside = this.prefix + index + "n";
		check(run("ip", "netns", "add", namespace));
		this.namespaces.add(namespace);
		check(run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside));
		check(run("ip", "link", "set", inside, "netns", namespace));
		check(run("ip", "addr", "add", "10.251." + index + ".1/24", "dev", outside));
		check(run("ip", "link", "set", outside, "up"));
		check(run("ip", "netns", "exec", namespace, "ip", "addr", "add", "10.251." + index + ".2/24", "dev", inside));
		check(run("ip", "netns", "exec", namespace, "ip", "link", "set", inside, "up"));
		check(run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up"));
		return "10.251." + index + ".1";
	}

	/**
	 * The command prefix that runs a program on host {@code index}.
	 */
	public List<String> on(int index) {
		return List.of("ip", "netns", "exec", namespace(index));
	}

	/**
	 * Cuts host {@code index} off: its end of the link goes down, so that nothing it sends
	 * leaves and nothing sent to it arrives, and nobody is told.
	 */
	public void cut(int index) throws IOException {
		check(run("ip", "netns", "exec", namespace(index), "ip", "link", "set", this.prefix + index + "n", "down"));
	}

	private String namespace(int index) {
		return this.prefix + "-" + index;
	}

	@Override
	public void close() throws IOException {
		for (String namespace : this.namespaces) {
			// deleting a namespace deletes its end of the veth pair, and with it the other end
			run("ip", "netns", "del", namespace);
		}
		this.namespaces.clear();
	}

	private static void check(Result result) throws IOException {
		if (result.exit() != 0) {
			throw new IOException(result.output().strip());
		}
	}

	private static Result run(String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException(String.join(" ", command) + " did not finish within 30 s");
			}
			return new Result(process.exitValue(), output);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while running " + String.join(" ", command), ex);
		}
	}

	private record Result(int exit, String output) {
	}

}
