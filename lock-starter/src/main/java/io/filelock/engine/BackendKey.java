package io.filelock.engine;

import io.filelock.spi.LockResource;

/**
 * What a backend locks for a name. Implementations are value objects: two keys are equal
 * exactly when they lock the same thing.
 */
public interface BackendKey {

	LockResource resource();

}
