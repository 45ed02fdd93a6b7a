/**
 * Auto-configuration of the {@code filelocks} Actuator endpoint.
 */
@NullMarked
package io.filelock.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
