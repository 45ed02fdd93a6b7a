package io.filelock.engine.file.scope;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MountTableTests {

	private static String at(MountTable table, String path) {
		return table.containing(Path.of(path)).map((e) -> e.mountId() + " " + e.mountPoint()).orElse("none");
	}

	@Test
	void longestMountPointPrefixWinsByWholePathComponents() {
		MountTable table = MountTable.parse("""
				1 0 8:1 / / rw - ext4 /dev/sda1 rw
				2 1 0:40 / /mnt/nfs rw - nfs4 s:/e rw
				3 2 0:41 / /mnt/nfs/deep rw - tmpfs tmpfs rw
				""");
		assertThat(at(table, "/mnt/nfs")).isEqualTo("2 /mnt/nfs");
		assertThat(at(table, "/mnt/nfs/a/b")).isEqualTo("2 /mnt/nfs");
		assertThat(at(table, "/mnt/nfs2/a")).isEqualTo("1 /");
		assertThat(at(table, "/mnt/nfs/deep/x")).isEqualTo("3 /mnt/nfs/deep");
		assertThat(at(table, "/mnt/nfs/deeper")).isEqualTo("2 /mnt/nfs");
		assertThat(at(table, "/")).isEqualTo("1 /");
	}

	@Test
	void stackedMountsResolveToTheTopOneWhateverTheLineOrder() {
		MountTable table = MountTable.parse("""
				1 0 8:1 / / rw - ext4 /dev/sda1 rw
				7 5 0:43 / /m rw - tmpfs top rw
				5 1 0:42 / /m rw - tmpfs bottom rw
				""");
		assertThat(at(table, "/m/x")).isEqualTo("7 /m");
	}

	@Test
	void lastLineWinsAmongMountsOnOnePointWithTheSameParent() {
		MountTable table = MountTable.parse("""
				1 0 8:1 / / rw - ext4 /dev/sda1 rw
				5 1 0:42 / /m rw - tmpfs first rw
				6 1 0:43 / /m rw - tmpfs second rw
				""");
		assertThat(at(table, "/m")).isEqualTo("6 /m");
	}

	@Test
	void aMountUnderACoveredMountIsHidden() {
		String base = """
				1 0 8:1 / / rw - ext4 /dev/sda1 rw
				5 1 0:42 / /a/b rw - tmpfs hidden rw
				""";
		assertThat(at(MountTable.parse(base), "/a/b/file")).isEqualTo("5 /a/b");
		assertThat(at(MountTable.parse(base + "7 1 0:44 / /a rw - tmpfs cover rw\n"), "/a/b/file")).isEqualTo("7 /a");
		MountTable stackedOver = MountTable.parse("""
				1 0 8:1 / / rw - ext4 /dev/sda1 rw
				5 1 0:42 / /a rw - tmpfs covered rw
				6 5 0:43 / /a/b rw - tmpfs hidden rw
				7 5 0:44 / /a rw - tmpfs cover rw
				""");
		assertThat(at(stackedOver, "/a/b/file")).isEqualTo("7 /a");
		assertThat(at(stackedOver, "/a/c")).isEqualTo("7 /a");
	}

	@Test
	void mountsWhoseParentHasNoLineAreTakenAsAttached() {
		MountTable table = MountTable.parse("""
				27 1 254:0 / / rw - ext4 /dev/vda rw
				36 25 0:45 / /mnt/nfs rw shared:30 - nfs4 s:/e rw
				""");
		assertThat(at(table, "/mnt/nfs/x")).isEqualTo("36 /mnt/nfs");
	}

	@Test
	void noRootMountMeansNoAnswer() {
		MountTable table = MountTable.parse("5 1 0:42 / /m rw - tmpfs t rw");
		assertThat(table.containing(Path.of("/other"))).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> table.containing(Path.of("relative/path")));
	}

}
