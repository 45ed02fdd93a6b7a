/**
 * Actuator endpoint that lists the file locks this JVM knows and tells who holds one.
 */
@NullMarked
package io.filelock.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
