package io.filelock.engine;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

import io.filelock.LockMode;
import io.filelock.spi.LockListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The listeners of one manager, told in the order they were added. A listener that
 * throws is logged and skipped: it must not lose a lock that is held, nor hide why one
 * was not.
 */
final class Listeners implements LockListener {

	private static final Log logger = LogFactory.getLog(Listeners.class);

	private final CopyOnWriteArrayList<LockListener> listeners = new CopyOnWriteArrayList<>();

	void add(LockListener listener) {
		this.listeners.addIfAbsent(listener);
	}

	@Override
	public void acquireFinished(AcquireEvent event) {
		for (LockListener listener : this.listeners) {
			try {
				listener.acquireFinished(event);
			}
			catch (RuntimeException ex) {
				logger.warn("Lock listener failed on " + event + ": " + ex, ex);
			}
		}
	}

	@Override
	public void lockLost(String lock, LockMode mode) {
		for (LockListener listener : this.listeners) {
			try {
				listener.lockLost(lock, mode);
			}
			catch (RuntimeException ex) {
				logger.warn("Lock listener failed on the loss of '" + lock + "' (" + mode + "): " + ex, ex);
			}
		}
	}

	@Override
	public void released(String lock, LockMode mode, Duration held) {
		for (LockListener listener : this.listeners) {
			try {
				listener.released(lock, mode, held);
			}
			catch (RuntimeException ex) {
				logger.warn("Lock listener failed on the release of '" + lock + "' (" + mode + "): " + ex, ex);
			}
		}
	}

}
