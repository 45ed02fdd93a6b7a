package io.filelock.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Who holds a lock file, as far as can be told without taking the lock: its owner record
 * and, on Linux, the processes {@code /proc/locks} lists for the file.
 *
 * @param record the parsed owner record, or null
 * @param rawRecord the file's content when it is not a record (truncated), or null
 * @param recordState what the record is worth
 * @param kernelHolders processes holding a lock on the file according to
 * {@code /proc/locks} (empty where it is not available)
 */
public record HolderInfo(@Nullable OwnerRecord record, @Nullable String rawRecord, RecordState recordState,
		List<ProcLocks.Holder> kernelHolders) {

	/**
	 * What an owner record is worth.
	 */
	public enum RecordState {

		/** The file holds no record: the holder is not one of ours, or holds it shared. */
		ABSENT,
		/** The file holds something that is not a record. */
		UNREADABLE,
		/** The record's pid is alive on this host and, where /proc/locks can tell, holds the file. */
		CURRENT,
		/** The record's pid is not alive on this host: the record is left from a crash. */
		STALE,
		/**
		 * The record's pid is alive but does not hold the file (according to
		 * {@code /proc/locks}): an earlier holder wrote it, and released the lock.
		 */
		EARLIER_HOLDER,
		/** The record comes from another host; its pid cannot be checked. */
		OTHER_HOST

	}

	static HolderInfo of(byte[] content, Path path, String localHost) {
		List<ProcLocks.Holder> holders = ProcLocks.holders(path);
		String text = new String(content, StandardCharsets.UTF_8);
		if (text.isBlank()) {
			return new HolderInfo(null, null, RecordState.ABSENT, holders);
		}
		OwnerRecord record = OwnerRecord.parse(text);
		if (record == null) {
			return new HolderInfo(null, LockFileNames.quote(text), RecordState.UNREADABLE, holders);
		}
		RecordState state;
		if (!record.host().equals(localHost)) {
			state = RecordState.OTHER_HOST;
		}
		else if (ProcessHandle.of(record.pid()).isEmpty()) {
			state = RecordState.STALE;
		}
		else if (ProcLocks.isSupported() && holders.stream().noneMatch((holder) -> holder.pid() == record.pid())) {
			state = RecordState.EARLIER_HOLDER;
		}
		else {
			state = RecordState.CURRENT;
		}
		return new HolderInfo(record, null, state, holders);
	}

	/**
	 * One phrase for messages, such as {@code held by pid 4242 on host "a", thread "main",
	 * since …}.
	 */
	public String describe() {
		String kernel = this.kernelHolders.isEmpty() ? ""
				: "; /proc/locks lists " + this.kernelHolders.stream()
					.map(ProcLocks.Holder::describe)
					.collect(Collectors.joining(", "));
		OwnerRecord owner = this.record;
		String phrase = switch (this.recordState) {
			case ABSENT -> "no owner record (the holder is not a file-lock manager, for example flock(1), "
					+ "or holds it shared)";
			case UNREADABLE -> "unreadable owner record " + this.rawRecord;
			case CURRENT -> "held by " + owner.describe();
			case STALE -> "stale owner record (pid " + owner.pid() + " is not alive on this host: " + owner.describe()
					+ "), so another program holds it";
			case EARLIER_HOLDER -> this.kernelHolders.isEmpty()
					? "not held now (the owner record is the last holder's: " + owner.describe() + ")"
					: "owner record of an earlier holder (" + owner.describe() + ")";
			case OTHER_HOST -> "held by " + owner.describe() + " (another host: whether it is alive cannot be checked)";
		};
		return phrase + kernel;
	}

}
