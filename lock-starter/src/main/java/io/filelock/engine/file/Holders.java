package io.filelock.engine.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.filelock.engine.Names;
import io.filelock.spi.LockHolders;
import io.filelock.spi.LockHolders.HoldingProcess;
import io.filelock.spi.LockHolders.RecordState;
import io.filelock.spi.LockHolders.State;
import org.jspecify.annotations.Nullable;

/**
 * Who holds a lock file, as far as can be told without taking the lock: whether anybody
 * holds it (on Linux, the processes {@code /proc/locks} lists), who by the owner record
 * the last exclusive holder left, and, for a holder whose record is missing, whether it
 * is a lock manager ({@link ManagerRegistry}). Each state says what it is, and never more
 * than is known: a lock nobody holds is "not held", whatever its record says.
 */
final class Holders {

	private final String localHost;

	private final long pid = ProcessHandle.current().pid();

	private final ManagerRegistry registry;

	private final boolean procLocks;

	Holders(String localHost, ManagerRegistry registry) {
		this(localHost, registry, ProcLocks.isSupported());
	}

	/**
	 * @param procLocks whether {@code /proc/locks} can be read here
	 */
	Holders(String localHost, ManagerRegistry registry, boolean procLocks) {
		this.localHost = localHost;
		this.registry = registry;
		this.procLocks = procLocks;
	}

	/**
	 * @param lockFile the file the kernel lists locks on
	 * @param record what the owner record holds (the lock file's start, or a sidecar's)
	 */
	LockHolders of(Path lockFile, byte[] record) {
		List<HoldingProcess> processes = this.procLocks ? ProcLocks.holders(lockFile) : List.of();
		String text = new String(record, StandardCharsets.UTF_8);
		OwnerRecord owner = text.isBlank() ? null : OwnerRecord.parse(text);
		RecordState recordState = recordState(text, owner, processes);
		Boolean alive = (owner != null && recordState != RecordState.OTHER_HOST)
				? ProcessHandle.of(owner.pid()).map(ProcessHandle::isAlive).orElse(false) : null;
		Report report = report(recordState, owner, (recordState == RecordState.UNREADABLE) ? Names.quote(text) : null,
				processes);
		return new LockHolders(report.state, report.description + kernel(processes), recordState,
				(owner != null) ? owner.toOwner() : null, alive, processes);
	}

	private RecordState recordState(String text, @Nullable OwnerRecord owner, List<HoldingProcess> processes) {
		if (text.isBlank()) {
			return RecordState.ABSENT;
		}
		if (owner == null) {
			return RecordState.UNREADABLE;
		}
		if (!owner.host().equals(this.localHost)) {
			return RecordState.OTHER_HOST;
		}
		if (ProcessHandle.of(owner.pid()).isEmpty()) {
			return RecordState.STALE;
		}
		if (this.procLocks && processes.stream().noneMatch((holder) -> holder.pid() == owner.pid())) {
			return RecordState.EARLIER_HOLDER;
		}
		return RecordState.CURRENT;
	}

	private Report report(RecordState recordState, @Nullable OwnerRecord owner, @Nullable String raw,
			List<HoldingProcess> processes) {
		if (recordState == RecordState.OTHER_HOST) {
			return new Report(State.UNKNOWN,
					"held by " + owner.describe() + " (another host: whether it is alive cannot be checked)");
		}
		if (!this.procLocks) {
			return new Report(State.UNKNOWN, (owner != null) ? "owner record of " + owner.describe()
					+ " (whether it holds the lock now cannot be told: /proc/locks is not readable here)"
					: "no owner record, and whether anybody holds the lock cannot be told: /proc/locks is not "
							+ "readable here");
		}
		String record = switch (recordState) {
			case ABSENT -> "no owner record";
			case UNREADABLE -> "unreadable owner record " + raw;
			case STALE -> "stale owner record (pid " + owner.pid() + " is not alive on this host: " + owner.describe()
					+ ")";
			default -> "the owner record is the last holder's: " + owner.describe();
		};
		if (processes.isEmpty()) {
			return new Report(State.NOT_HELD, "not held now (" + record + ")");
		}
		if (recordState == RecordState.CURRENT) {
			return new Report(owner.pid() == this.pid ? State.HELD_BY_THIS_PROCESS : State.HELD_BY_LOCK_MANAGER,
					"held by " + owner.describe());
		}
		for (HoldingProcess holder : processes) {
			if (holder.pid() == this.pid) {
				return new Report(State.HELD_BY_THIS_PROCESS, "held " + access(holder) + " by this process, pid "
						+ this.pid + ", through a descriptor of its own (another lock manager of this JVM, or other code; "
						+ record + ")");
			}
			Optional<OwnerRecord> manager = this.registry.lookUp(holder.pid());
			if (manager.isPresent()) {
				return new Report(State.HELD_BY_LOCK_MANAGER, "held " + access(holder) + " by pid " + holder.pid()
						+ ", a lock manager on host " + OwnerRecord.quote(manager.get().host())
						+ application(manager.get()) + " (" + record
						+ (holder.access().equals("READ") ? ": a lock held shared writes none"
								: ": another program emptied or replaced it, so its thread and since are unknown")
						+ ")");
			}
		}
		String others = (recordState == RecordState.ABSENT)
				? "no owner record: not a file-lock manager, for example flock(1), or one holding it shared"
				: (recordState == RecordState.EARLIER_HOLDER) ? "owner record of an earlier holder ("
						+ owner.describe() + ")" : record;
		return new Report(State.HELD_BY_OTHER_PROGRAM, "held by another program (" + others + ")");
	}

	private static String access(HoldingProcess holder) {
		return holder.access().equals("READ") ? "shared" : "exclusively";
	}

	private static String application(OwnerRecord manager) {
		return (manager.application() != null) ? ", app " + OwnerRecord.quote(manager.application()) : "";
	}

	private static String kernel(List<HoldingProcess> processes) {
		return processes.isEmpty() ? ""
				: "; /proc/locks lists " + processes.stream().map(ProcLocks::describe).collect(Collectors.joining(", "));
	}

	private record Report(State state, String description) {
	}

}
