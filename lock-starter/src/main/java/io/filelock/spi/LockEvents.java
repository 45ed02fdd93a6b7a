package io.filelock.spi;

/**
 * A {@link io.filelock.LockManager} that reports its acquisitions and releases to
 * {@link LockListener listeners}. The starter registers every {@code LockListener} bean
 * (its metrics among them) on every {@code LockManager} bean that implements this, the
 * auto-configured one and those an application builds itself.
 */
public interface LockEvents {

	/**
	 * Adds a listener, told of every acquisition and release from now on; adding one
	 * that is already there does nothing.
	 * @param listener the listener
	 */
	void addListener(LockListener listener);

}
