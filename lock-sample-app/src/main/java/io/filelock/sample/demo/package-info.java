/**
 * The one-command demo: several processes race on one counter file, without and with
 * {@code @FileLocked}.
 */
@NullMarked
package io.filelock.sample.demo;

import org.jspecify.annotations.NullMarked;
