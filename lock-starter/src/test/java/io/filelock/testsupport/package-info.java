/**
 * Helpers shared by the tests of several packages.
 */
@NullMarked
package io.filelock.testsupport;

import org.jspecify.annotations.NullMarked;
