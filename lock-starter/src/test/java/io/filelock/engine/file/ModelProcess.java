package io.filelock.engine.file;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.LockStrategy;
import io.filelock.LockTimeoutException;

/**
 * The second process of {@link LockModelTests}: one actor that runs lock commands read
 * from its input and answers each with one line.
 * <ul>
 * <li>{@code reset DIR STRATEGY}: releases everything, uses DIR from now on; {@code reset}</li>
 * <li>{@code try NAME MODE}, {@code acquire NAME MODE MILLIS}: {@code acquired},
 * {@code busy} or {@code error MESSAGE}</li>
 * <li>{@code release NAME}: closes the newest handle for NAME; {@code released}</li>
 * </ul>
 */
public final class ModelProcess {

	private ModelProcess() {
	}

	public static void main(String[] args) throws Exception {
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		Map<String, Deque<LockHandle>> handles = new HashMap<>();
		LockManager locks = null;
		String line;
		while ((line = input.readLine()) != null) {
			String[] words = line.split(" ");
			String answer;
			switch (words[0]) {
				case "reset" -> {
					handles.values().forEach((held) -> held.forEach(LockHandle::close));
					handles.clear();
					locks = LockManager.builder()
						.directory(Path.of(words[1]))
						.strategy(LockStrategy.valueOf(words[2]))
						.build();
					answer = "reset";
				}
				case "try", "acquire" -> {
					try {
						LockMode mode = LockMode.valueOf(words[2]);
						Optional<LockHandle> handle = words[0].equals("try") ? locks.tryAcquire(words[1], mode)
								: Optional.of(locks.acquire(words[1], mode, Duration.ofMillis(Long.parseLong(words[3]))));
						handle.ifPresent((held) -> handles.computeIfAbsent(words[1], (name) -> new ArrayDeque<>())
							.push(held));
						answer = handle.isPresent() ? "acquired" : "busy";
					}
					catch (LockTimeoutException ex) {
						answer = "busy";
					}
					catch (LockException ex) {
						answer = "error " + ex.getMessage().replace('\n', ' ');
					}
				}
				case "release" -> {
					Deque<LockHandle> held = handles.get(words[1]);
					if (held != null && !held.isEmpty()) {
						held.pop().close();
					}
					answer = "released";
				}
				default -> answer = "error unknown command '" + line + "'";
			}
			System.out.println(LockTestProcess.MARK + answer);
			System.out.flush();
		}
	}

}
