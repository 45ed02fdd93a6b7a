/**
 * Benchmarks of the file locks against the kernel's own blocking lock and the other
 * baselines named in the performance issue; run by {@code lock-benchmarks/run.sh}.
 */
@NullMarked
package io.filelock.benchmarks;

import org.jspecify.annotations.NullMarked;
