package io.filelock.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.filelock.LockMode;
import io.filelock.spi.LockSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Who holds one lock inside this JVM, and how many times: a holder that enters again
 * counts one more hold. A holder is a thread, or a {@link DetachedOwner} that no one
 * enters again. Guarded by the owning {@link Admission}'s mutex.
 */
final class Holds {

	private final Map<Object, Hold> holds = new HashMap<>();

	/**
	 * Counts one more hold if {@code owner} holds the lock already.
	 * @return whether it did
	 */
	boolean enterAgain(Object owner) {
		Hold hold = this.holds.get(owner);
		if (hold == null) {
			return false;
		}
		hold.count++;
		return true;
	}

	void add(Object owner, LockMode mode) {
		this.holds.put(owner, new Hold(mode, (owner instanceof Thread thread) ? thread.getName() : owner.toString()));
	}

	/**
	 * Releases one hold of {@code owner}.
	 * @return true if that was its last
	 */
	boolean release(Object owner) {
		Hold hold = this.holds.get(owner);
		if (hold == null || --hold.count > 0) {
			return false;
		}
		this.holds.remove(owner);
		return true;
	}

	boolean contains(Object owner) {
		return this.holds.containsKey(owner);
	}

	boolean isEmpty() {
		return this.holds.isEmpty();
	}

	/**
	 * Which threads of this JVM hold the lock, for a timeout message; null if none.
	 */
	@Nullable String describe(@Nullable LockMode mode) {
		if (this.holds.isEmpty()) {
			return null;
		}
		List<String> threads = this.holds.values().stream().map((hold) -> hold.thread).toList();
		return "held " + mode + " by thread(s) " + threads + " of this process";
	}

	List<LockSnapshot.Holder> snapshot() {
		List<LockSnapshot.Holder> holders = new ArrayList<>();
		this.holds.values()
			.forEach((hold) -> holders.add(new LockSnapshot.Holder(hold.thread, hold.mode, hold.since, hold.count)));
		return holders;
	}

	private static final class Hold {

		final LockMode mode;

		/** The holding thread's name, or a detached holder's label. */
		final String thread;

		final Instant since = Instant.now();

		int count = 1;

		Hold(LockMode mode, String thread) {
			this.mode = mode;
			this.thread = thread;
		}

	}

}
