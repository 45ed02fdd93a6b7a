package io.filelock;

import io.filelock.spi.ThreadHolds;

/**
 * Checks that code runs under the lock it needs: a method annotated with
 * {@link FileLocked @FileLocked} and called from the same bean ({@code this.method()})
 * bypasses the Spring proxy and takes no lock, silently. Call these at the start of such
 * a method, in production code or in tests.
 *
 * <pre class="code">
 * &#64;FileLocked("counter")
 * public long increment() {
 *     FileLockAssert.assertLocked("counter");
 *     …
 * }
 * </pre>
 */
public final class FileLockAssert {

	private FileLockAssert() {
	}

	/**
	 * Checks that the calling thread holds a lock.
	 * @throws IllegalStateException unless the calling thread holds at least one lock of
	 * a {@link LockManager}
	 */
	public static void assertLocked() {
		if (!ThreadHolds.holdsAny()) {
			throw new IllegalStateException("The current thread holds no file lock. A @FileLocked method called "
					+ "from its own bean (this.method()) bypasses the Spring proxy and takes no lock: call it "
					+ "through another bean, or acquire the lock with the LockManager");
		}
	}

	/**
	 * Checks that the calling thread holds the named lock.
	 * @param name the lock's name as acquired (a templated {@code @FileLocked} name as
	 * evaluated for the call, such as {@code account-42})
	 * @throws IllegalStateException unless the calling thread holds that lock
	 */
	public static void assertLocked(String name) {
		if (!ThreadHolds.holds(name)) {
			throw new IllegalStateException("The current thread does not hold file lock '" + name + "'. A "
					+ "@FileLocked method called from its own bean (this.method()) bypasses the Spring proxy and "
					+ "takes no lock: call it through another bean, or acquire the lock with the LockManager");
		}
	}

}
