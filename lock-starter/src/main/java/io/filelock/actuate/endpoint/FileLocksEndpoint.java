package io.filelock.actuate.endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.filelock.LockException;
import io.filelock.LockManager;
import io.filelock.actuate.endpoint.FileLockDescriptors.BackendDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.FileLocksDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.HolderDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDescriptor;
import io.filelock.actuate.endpoint.FileLockDescriptors.LockDetailsDescriptor;
import io.filelock.spi.LockBackendStatus;
import io.filelock.spi.LockIntrospection;
import io.filelock.spi.LockResource;
import io.filelock.spi.LockSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code filelocks} endpoint: the locks this JVM holds, waits for or has a policy
 * for, and, for one lock, who holds it system-wide. Reading it never takes a lock: the
 * holder comes from what the {@link LockIntrospection} of the {@link LockManager} can
 * tell (for lock files, their owner record and {@code /proc/locks}). A manager that cannot
 * tell is shown without locks.
 */
@Endpoint(id = "filelocks")
public class FileLocksEndpoint {

	private final LockManager manager;

	private final @Nullable LockIntrospection introspection;

	public FileLocksEndpoint(LockManager manager) {
		this.manager = manager;
		this.introspection = (manager instanceof LockIntrospection locks) ? locks : null;
	}

	/**
	 * Every lock this JVM knows: those held or waited for now, then the idle ones that
	 * have a policy of their own.
	 */
	@ReadOperation
	public FileLocksDescriptor locks() {
		LockIntrospection locks = this.introspection;
		if (locks == null) {
			return new FileLocksDescriptor(null, null, new BackendDescriptor("unknown",
					this.manager.getClass().getName(), Map.of()), 0, 0, List.of());
		}
		List<LockDescriptor> descriptors = new ArrayList<>();
		Set<String> known = new HashSet<>();
		for (LockSnapshot snapshot : locks.snapshot()) {
			descriptors.add(LockDescriptor.of(snapshot, locks.policy(snapshot.name())));
			known.add(snapshot.resource());
		}
		locks.configuredPolicies().forEach((name, policy) -> {
			LockResource resource = locks.resource(name);
			if (known.add(resource.description())) {
				descriptors.add(LockDescriptor.idle(name, resource, policy));
			}
		});
		descriptors.sort(Comparator.comparing(LockDescriptor::name));
		LockBackendStatus backend = locks.backendStatus();
		boolean files = backend.kind().equals("file");
		return new FileLocksDescriptor(files ? backend.location() : null, files ? backend.details().get("strategy") : null,
				new BackendDescriptor(backend.kind(), backend.location(), backend.details()), locks.activeCount(),
				locks.pendingCount(), descriptors);
	}

	/**
	 * One lock, known to this JVM or not, and who holds it right now.
	 */
	@ReadOperation
	public LockDetailsDescriptor lock(@Selector String name) {
		LockIntrospection locks = this.introspection;
		if (locks == null) {
			throw new InvalidEndpointRequestException(this.manager.getClass().getName()
					+ " does not report its locks", "Locks not reported");
		}
		LockResource resource = resourceOf(locks, name);
		LockDescriptor lock = LockDescriptor.idle(name, resource, locks.policy(name));
		for (LockSnapshot snapshot : locks.snapshot()) {
			if (snapshot.resource().equals(resource.description())) {
				lock = LockDescriptor.of(snapshot, locks.policy(name));
			}
		}
		HolderDescriptor holder = locks.holders(name).map(HolderDescriptor::of).orElse(null);
		return new LockDetailsDescriptor(lock, holder);
	}

	private static LockResource resourceOf(LockIntrospection locks, String name) {
		try {
			return locks.resource(name);
		}
		catch (LockException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Invalid lock name");
		}
	}

}
