package io.filelock.engine.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.filelock.engine.Names;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockHolders.HoldingProcess;
import io.filelock.spi.LockHolders.RecordState;

/**
 * Who holds a lock file, as far as can be told without taking the lock: its owner record
 * and, on Linux, the processes {@code /proc/locks} lists for the file.
 */
final class Holders {

	private Holders() {
	}

	/**
	 * @param content the start of the lock file
	 */
	static LockHolders of(byte[] content, Path path, String localHost) {
		List<HoldingProcess> processes = ProcLocks.holders(path);
		String text = new String(content, StandardCharsets.UTF_8);
		if (text.isBlank()) {
			return holders(RecordState.ABSENT, null, null, processes);
		}
		OwnerRecord record = OwnerRecord.parse(text);
		if (record == null) {
			return holders(RecordState.UNREADABLE, null, Names.quote(text), processes);
		}
		RecordState state;
		if (!record.host().equals(localHost)) {
			state = RecordState.OTHER_HOST;
		}
		else if (ProcessHandle.of(record.pid()).isEmpty()) {
			state = RecordState.STALE;
		}
		else if (ProcLocks.isSupported() && processes.stream().noneMatch((holder) -> holder.pid() == record.pid())) {
			state = RecordState.EARLIER_HOLDER;
		}
		else {
			state = RecordState.CURRENT;
		}
		return holders(state, record, null, processes);
	}

	private static LockHolders holders(RecordState state, OwnerRecord record, String rawRecord,
			List<HoldingProcess> processes) {
		Boolean alive = (record != null && state != RecordState.OTHER_HOST)
				? ProcessHandle.of(record.pid()).map(ProcessHandle::isAlive).orElse(false) : null;
		return new LockHolders(describe(state, record, rawRecord, processes), state,
				(record != null) ? record.toOwner() : null, alive, processes);
	}

	/**
	 * One phrase for messages, such as {@code held by pid 4242 on host "a", thread
	 * "main", since …}.
	 */
	private static String describe(RecordState state, OwnerRecord owner, String rawRecord,
			List<HoldingProcess> processes) {
		String kernel = processes.isEmpty() ? ""
				: "; /proc/locks lists " + processes.stream().map(ProcLocks::describe).collect(Collectors.joining(", "));
		String phrase = switch (state) {
			case ABSENT -> "no owner record (the holder is not a file-lock manager, for example flock(1), "
					+ "or holds it shared)";
			case UNREADABLE -> "unreadable owner record " + rawRecord;
			case CURRENT -> "held by " + owner.describe();
			case STALE -> "stale owner record (pid " + owner.pid() + " is not alive on this host: " + owner.describe()
					+ "), so another program holds it";
			case EARLIER_HOLDER -> processes.isEmpty()
					? "not held now (the owner record is the last holder's: " + owner.describe() + ")"
					: "owner record of an earlier holder (" + owner.describe() + ")";
			case OTHER_HOST -> "held by " + owner.describe() + " (another host: whether it is alive cannot be checked)";
		};
		return phrase + kernel;
	}

}
