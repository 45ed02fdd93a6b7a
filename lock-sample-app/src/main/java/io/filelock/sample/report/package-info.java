/**
 * The single-instance job: of several running copies, one runs each trigger.
 */
@NullMarked
package io.filelock.sample.report;

import org.jspecify.annotations.NullMarked;
