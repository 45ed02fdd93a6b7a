package io.filelock.engine.file.scope;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** statfs(2) through JNA on this machine, and the probe's cross-check against mountinfo. */
class JnaStatFsTests {

	@BeforeEach
	void bound() {
		RealMountTests.skipIf(getClass().getSimpleName(), JnaStatFs.AVAILABLE ? null
				: "statfs(2) is bound only on 64-bit x86 and ARM Linux, not " + System.getProperty("os.name") + " "
						+ System.getProperty("os.arch"));
	}

	@Test
	void procHasTheProcMagic() {
		assertThat(StatFs.system().magic(Path.of("/proc"))).hasValue(0x9fa0L);
	}

	@Test
	void missingPathGivesNoMagic() {
		assertThat(StatFs.system().magic(Path.of("/no/such/dir/at/all"))).isEmpty();
	}

	@Test
	void theRootMountAgreesWithStatfs() throws Exception {
		MountEntry root = MountTable.parse(MountInfoSource.proc().read()).containing(Path.of("/")).orElseThrow();
		long magic = StatFs.system().magic(Path.of("/")).orElseThrow();
		assertThat(FsMagic.contradicts(root.fsType(), magic)).isFalse();
		ScopeReport report = LockScopeProbe.system().probe(Path.of("/"), StrategyKind.BOTH);
		assertThat(report.mountPoint()).isEqualTo("/");
		assertThat(report.verdict().reason()).doesNotContain("not trusted");
		System.out.println("this machine: " + report.describe());
	}

}
