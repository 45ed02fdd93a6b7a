/**
 * The sample application and its configuration.
 */
@NullMarked
package io.filelock.sample;

import org.jspecify.annotations.NullMarked;
