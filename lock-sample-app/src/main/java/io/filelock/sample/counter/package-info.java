/**
 * The shared counter: a JSON file updated read-modify-write under {@code @FileLocked}.
 */
@NullMarked
package io.filelock.sample.counter;

import org.jspecify.annotations.NullMarked;
