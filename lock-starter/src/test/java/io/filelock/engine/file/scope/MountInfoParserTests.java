package io.filelock.engine.file.scope;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MountInfoParserTests {

	@Test
	void readsTheElevenFieldsOfTheProcManPageExample() {
		MountEntry entry = MountInfoParser.parseLine("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");
		assertThat(entry.mountId()).isEqualTo(36);
		assertThat(entry.parentId()).isEqualTo(35);
		assertThat(entry.device()).isEqualTo("98:0");
		assertThat(entry.root()).isEqualTo("/mnt1");
		assertThat(entry.mountPoint()).isEqualTo("/mnt2");
		assertThat(entry.mountOptions().items()).containsExactly("rw", "noatime");
		assertThat(entry.optionalFields()).containsExactly("master:1");
		assertThat(entry.fsType()).isEqualTo("ext3");
		assertThat(entry.source()).isEqualTo("/dev/root");
		assertThat(entry.superOptions().items()).containsExactly("rw", "errors=continue");
	}

	@Test
	void acceptsNoneOrSeveralOptionalFields() {
		assertThat(MountInfoParser.parseLine("43 27 0:40 / /x rw - tmpfs tmpfs rw").optionalFields()).isEmpty();
		assertThat(MountInfoParser.parseLine("43 27 0:40 / /x rw shared:5 master:2 propagate_from:1 unbindable - tmpfs tmpfs rw")
			.optionalFields()).containsExactly("shared:5", "master:2", "propagate_from:1", "unbindable");
	}

	@Test
	void unescapesSpaceTabNewlineAndBackslashInPaths() {
		MountEntry entry = MountInfoParser.parseLine("43 27 0:40 /a\\040b /mnt/x\\011y\\012z\\134w rw - tmpfs my\\040src rw");
		assertThat(entry.root()).isEqualTo("/a b");
		assertThat(entry.mountPoint()).isEqualTo("/mnt/x\ty\nz\\w");
		assertThat(entry.source()).isEqualTo("my src");
	}

	@Test
	void decodesUtf8PathsGivenBytePerChar() {
		byte[] utf8 = "43 27 0:40 / /mnt/Grüße rw - tmpfs tmpfs rw".getBytes(StandardCharsets.UTF_8);
		MountEntry entry = MountInfoParser.parseLine(new String(utf8, StandardCharsets.ISO_8859_1));
		assertThat(entry.mountPoint()).isEqualTo("/mnt/Grüße");
		assertThat(MountInfoParser.unescape("/mnt/\\303\\274")).isEqualTo("/mnt/ü");
	}

	@Test
	void keepsBackslashesThatAreNotOctalEscapes() {
		assertThat(MountInfoParser.unescape("C:\\x\\9")).isEqualTo("C:\\x\\9");
		assertThat(MountInfoParser.unescape("end\\04")).isEqualTo("end\\04");
	}

	@Test
	void splitsOptionsBeforeUnescapingSoEscapedCommasStayInValues() {
		MountEntry entry = MountInfoParser.parseLine("50 1 0:5 / /m rw - ocfs2 /dev/sdc rw,localflocks,,cluster_stack=pcmk,label=a\\054b");
		assertThat(entry.superOptions().items()).containsExactly("rw", "localflocks", "cluster_stack=pcmk", "label=a,b");
		assertThat(entry.options().value("label")).hasValue("a,b");
	}

	@Test
	void acceptsAMissingSuperOptionsField() {
		MountEntry entry = MountInfoParser.parseLine("43 27 0:40 / /x rw - tmpfs tmpfs");
		assertThat(entry.superOptions().items()).isEmpty();
	}

	@Test
	void optionLookupTakesTheLastOccurrenceAndSuperOptionsAfterMountOptions() {
		MountEntry entry = MountInfoParser.parseLine("43 27 0:40 / /x rw,vers=1 - nfs s:/e rw,vers=3,vers=4.2");
		assertThat(entry.options().value("vers")).hasValue("4.2");
		assertThat(entry.options().has("rw")).isTrue();
		assertThat(entry.options().value("rw")).isEmpty();
		assertThat(entry.options().has("ver")).isFalse();
	}

	@Test
	void splitsTypeAndSubtype() {
		MountEntry entry = MountInfoParser.parseLine("50 22 0:70 / /r rw - fuse.sshfs a@b:/c rw,user_id=0");
		assertThat(entry.mainType()).isEqualTo("fuse");
		assertThat(entry.subtype()).isEqualTo("sshfs");
	}

	@Test
	void skipsBlankLinesAndNamesTheLineOfAMalformedOne() {
		assertThat(MountInfoParser.parse("\n43 27 0:40 / /x rw - tmpfs tmpfs rw\n\n")).hasSize(1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MountInfoParser.parse("43 27 0:40 / /x rw - tmpfs tmpfs rw\n44 27 0:41 / /y rw tmpfs tmpfs rw"))
			.withMessageContaining("mountinfo line 2");
		assertThatIllegalArgumentException().isThrownBy(() -> MountInfoParser.parseLine("x 27 0:40 / /x rw - tmpfs t rw"));
		assertThatIllegalArgumentException().isThrownBy(() -> MountInfoParser.parseLine("4 27 zero / /x rw - tmpfs t rw"));
	}

	@Test
	void parsesThisMachinesOwnTable() throws Exception {
		List<MountEntry> entries = MountInfoParser.parse(MountInfoSource.proc().read());
		assertThat(entries).isNotEmpty().anyMatch((e) -> e.mountPoint().equals("/"));
	}

}
