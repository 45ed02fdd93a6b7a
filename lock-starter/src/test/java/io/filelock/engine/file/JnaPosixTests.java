package io.filelock.engine.file;

/**
 * The JNA binding, on every JDK.
 */
class JnaPosixTests extends AbstractPosixContractTests {

	@Override
	Posix posix() {
		return NativeBinding.jna();
	}

}
