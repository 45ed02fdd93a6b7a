package io.filelock.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener that keeps the event of every finished acquisition, for tests that check
 * outcomes and attempts.
 */
final class RecordedAcquisitions implements LockListener {

	final List<AcquireEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void acquireFinished(AcquireEvent event) {
		this.events.add(event);
	}

}
