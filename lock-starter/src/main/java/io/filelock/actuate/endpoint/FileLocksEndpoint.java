package io.filelock.actuate.endpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.filelock.LockException;
import io.filelock.actuate.endpoint.FileLockDescriptors.FileLocksDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.HolderDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDetailsDescriptor;
import io.filelock.engine.FileLockManager;
import io.filelock.engine.LockSnapshot;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code filelocks} endpoint: the file locks this JVM holds, waits for or has a
 * policy for, and, for one lock, who holds its file system-wide. Reading it never takes a
 * lock: the holder comes from the lock file's owner record and {@code /proc/locks}.
 */
@Endpoint(id = "filelocks")
public class FileLocksEndpoint {

	private final FileLockManager manager;

	public FileLocksEndpoint(FileLockManager manager) {
		this.manager = manager;
	}

	/**
	 * Every lock this JVM knows: those held or waited for now, then the idle ones that
	 * have a policy of their own.
	 */
	@ReadOperation
	public FileLocksDescriptor locks() {
		List<LockDescriptor> locks = new ArrayList<>();
		Set<Path> known = new HashSet<>();
		for (LockSnapshot snapshot : this.manager.snapshot()) {
			locks.add(LockDescriptor.of(snapshot, this.manager.policy(snapshot.name())));
			known.add(snapshot.path());
		}
		this.manager.configuredPolicies().forEach((name, policy) -> {
			Path path = this.manager.pathOf(name);
			if (known.add(path)) {
				locks.add(LockDescriptor.idle(name, path, policy));
			}
		});
		locks.sort(Comparator.comparing(LockDescriptor::name));
		return new FileLocksDescriptor(this.manager.directory().toString(), this.manager.strategy().name(),
				this.manager.activeCount(), this.manager.pendingCount(), locks);
	}

	/**
	 * One lock, known to this JVM or not, and who holds its file right now.
	 */
	@ReadOperation
	public LockDetailsDescriptor lock(@Selector String name) {
		Path path = pathOf(name);
		LockDescriptor lock = LockDescriptor.idle(name, path, this.manager.policy(name));
		for (LockSnapshot snapshot : this.manager.snapshot()) {
			if (snapshot.path().equals(path)) {
				lock = LockDescriptor.of(snapshot, this.manager.policy(name));
			}
		}
		HolderDescriptor holder = this.manager.holder(name).map(HolderDescriptor::of).orElse(null);
		return new LockDetailsDescriptor(lock, holder);
	}

	private Path pathOf(String name) {
		try {
			return this.manager.pathOf(name);
		}
		catch (LockException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Invalid lock name");
		}
	}

}
