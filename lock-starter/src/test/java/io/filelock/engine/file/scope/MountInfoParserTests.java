package io.filelock.engine.file.scope;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MountInfoParserTests {

	@Test
	void readsTheFieldsOfTheProcManPageExample() {
		MountEntry entry = MountInfoParser
			.parseLine("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");
		assertThat(entry.mountId()).isEqualTo(36);
		assertThat(entry.parentId()).isEqualTo(35);
		assertThat(entry.mountPoint()).isEqualTo("/mnt2");
		assertThat(entry.fsType()).isEqualTo("ext3");
		assertThat(entry.options().items()).containsExactly("rw", "noatime", "rw", "errors=continue");
	}

	@Test
	void acceptsNoneOrSeveralOptionalFields() {
		assertThat(MountInfoParser.parseLine("43 27 0:40 / /x rw - tmpfs tmpfs rw").fsType()).isEqualTo("tmpfs");
		assertThat(MountInfoParser
			.parseLine("43 27 0:40 / /x rw shared:5 master:2 propagate_from:1 unbindable - tmpfs tmpfs rw,size=1k")
			.options()
			.value("size")).hasValue("1k");
	}

	@Test
	void unescapesSpaceTabNewlineAndBackslashInPaths() {
		MountEntry entry = MountInfoParser.parseLine("43 27 0:40 /a\\040b /mnt/x\\011y\\012z\\134w rw - tmpfs src rw");
		assertThat(entry.mountPoint()).isEqualTo("/mnt/x\ty\nz\\w");
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
		MountEntry entry = MountInfoParser
			.parseLine("50 1 0:5 / /m rw - ocfs2 /dev/sdc rw,localflocks,,cluster_stack=pcmk,label=a\\054b");
		assertThat(entry.options().items()).containsExactly("rw", "rw", "localflocks", "cluster_stack=pcmk",
				"label=a,b");
		assertThat(entry.options().value("label")).hasValue("a,b");
	}

	@Test
	void acceptsAMissingSuperOptionsField() {
		assertThat(MountInfoParser.parseLine("43 27 0:40 / /x rw - tmpfs tmpfs").options().items())
			.containsExactly("rw");
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
	void skipsBlankLinesAndNamesTheLineOfAMalformedOne() {
		assertThat(MountInfoParser.parse("\n43 27 0:40 / /x rw - tmpfs tmpfs rw\n\n")).hasSize(1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MountInfoParser
				.parse("43 27 0:40 / /x rw - tmpfs tmpfs rw\n44 27 0:41 / /y rw tmpfs tmpfs rw"))
			.withMessageContaining("mountinfo line 2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MountInfoParser.parseLine("x 27 0:40 / /x rw - tmpfs t rw"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MountInfoParser.parseLine("4 27 zero / /x rw - tmpfs t rw"));
	}

	@Test
	void parsesThisMachinesOwnTable() throws Exception {
		assumeTrue(System.getProperty("os.name").startsWith("Linux"), "/proc/self/mountinfo is read on Linux only");
		List<MountEntry> entries = MountInfoParser.parse(MountInfoSource.proc().read());
		assertThat(entries).isNotEmpty().anyMatch((e) -> e.mountPoint().equals("/"));
	}

}
