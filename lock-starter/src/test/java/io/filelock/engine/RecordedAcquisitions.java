package io.filelock.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.filelock.spi.LockListener;

/**
 * A listener that keeps the event of every finished acquisition, for tests that check
 * outcomes and attempts.
 */
public final class RecordedAcquisitions implements LockListener {

	public final List<AcquireEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void acquireFinished(AcquireEvent event) {
		this.events.add(event);
	}

}
