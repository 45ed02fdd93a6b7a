package io.filelock.engine.file;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import io.filelock.InvalidLockLocationException;
import io.filelock.LockException;
import io.filelock.LockHandle;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.engine.DefaultLockManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lock directory is in the hands of this process's user: a directory the manager
 * creates gets exactly the configured permissions, and its lock files the same without
 * execute (the umask of this JVM takes the group's write permission away, which the
 * manager puts back); an existing directory another user controls is refused at the first
 * lock, and in the backend's status. Permission bits do not stop root, so the tests that
 * need another owner give the directory to {@code nobody}, and need root to do so.
 */
@Timeout(60)
class LockDirectoryPermissionTests {

	/** The uid of {@code nobody} on Linux. */
	private static final int NOBODY = 65534;

	@TempDir
	Path base;

	private DefaultLockManager manager;

	@BeforeEach
	void posix() {
		assumeTrue(Files.getFileAttributeView(this.base, PosixFileAttributeView.class) != null,
				"the file system has no POSIX permissions");
	}

	@AfterEach
	void close() {
		if (this.manager != null) {
			this.manager.close();
		}
	}

	@Test
	void createdDirectoryAndLockFileHaveExactlyTheDefaultPermissions() throws Exception {
		Path directory = this.base.resolve("parent/locks");
		try (LockHandle handle = manager(LockManager.builder().directory(directory)).acquire("job")) {
			assertThat(modeOf(directory)).isEqualTo("rwx------");
			assertThat(modeOf(directory.getParent())).as("a parent created with it").isEqualTo("rwx------");
			assertThat(modeOf(handle.path())).isEqualTo("rw-------");
		}
	}

	@Test
	void createdDirectoryAndLockFileHaveExactlyTheGroupPermissionsWhateverTheUmask() throws Exception {
		Path directory = this.base.resolve("locks");
		try (LockHandle handle = manager(LockManager.builder()
			.directory(directory)
			.directoryPermissions(PosixFilePermissions.fromString("rwxrwx---"))).acquire("job")) {
			assertThat(modeOf(directory)).isEqualTo("rwxrwx---");
			assertThat(modeOf(handle.path())).isEqualTo("rw-rw----");
		}
	}

	@Test
	void ownerRecordOfALockWithAPathOfItsOwnHasTheGroupPermissionsToo() throws Exception {
		Path directory = this.base.resolve("locks");
		Path own = Files.createDirectory(this.base.resolve("data")).resolve("backup.lock");
		try (LockHandle handle = manager(LockManager.builder()
			.directory(directory)
			.directoryPermissions(PosixFilePermissions.fromString("rwxrwx---"))
			.lock("backup", (policy) -> policy.withPath(own))).acquire("backup")) {
			assertThat(handle.path()).isEqualTo(own);
			assertThat(modeOf(directory.resolve("backup.lock"))).as("the owner record").isEqualTo("rw-rw----");
			assertThat(modeOf(directory.resolve(ManagerRegistry.DIRECTORY))).as("the registry").isEqualTo("rwxrwx---");
		}
	}

	@Test
	void registryFolderOfAnotherUserIsNeitherWrittenNorBelieved() throws Exception {
		Path directory = own(0700);
		Path registry = Files.createDirectory(directory.resolve(ManagerRegistry.DIRECTORY));
		assumeTrue(NativeFacts.effectiveUid().orElse(-1) == 0,
				"giving a directory to another user needs root, and this test is not run as root");
		Files.setAttribute(registry, "unix:uid", NOBODY);
		long pid = ProcessHandle.current().pid();
		// an entry for this very process, which the registry would believe from a folder it trusted
		byte[] planted = OwnerRecordWriter.format(pid, "host", "-", "planted-by-another-user",
				ProcessHandle.current().info().startInstant().orElseThrow().toString());
		Files.write(registry.resolve(Long.toString(pid)), planted);
		try (LockHandle handle = manager(LockManager.builder().directory(directory)).acquire("job")) {
			assertThat(Files.readAllBytes(registry.resolve(Long.toString(pid)))).as("not overwritten").isEqualTo(planted);
			ManagerRegistry reader = new ManagerRegistry(directory, pid, "host", null,
					new LockDirectories(LockManagerBuilder.DEFAULT_DIRECTORY_PERMISSIONS));
			assertThat(reader.lookUp(pid)).isEmpty();
		}
	}

	@Test
	void checkingTheLocationsBeforeTheFirstLockCreatesTheDirectoryAndNamesWhatCannotWork() throws Exception {
		Path directory = this.base.resolve("locks");
		manager(LockManager.builder().directory(directory)).checkLocations();
		assertThat(modeOf(directory)).isEqualTo("rwx------");
		Path file = Files.createFile(this.base.resolve("a-file"));
		assertThatExceptionOfType(InvalidLockLocationException.class)
			.isThrownBy(() -> manager(LockManager.builder().directory(file)).checkLocations())
			.withMessage("Invalid lock directory '" + file + "': must be a directory, but it is a file");
		Path missing = this.base.resolve("missing/backup.lock");
		assertThatExceptionOfType(InvalidLockLocationException.class)
			.isThrownBy(() -> manager(LockManager.builder()
				.directory(directory)
				.lock("backup", (policy) -> policy.withPath(missing))).checkLocations())
			.withMessage("Invalid path '" + missing + "' of lock 'backup': must be a file in an existing directory, "
					+ "but directory '" + missing.getParent() + "' does not exist")
			.satisfies((ex) -> assertThat(ex.getLock()).isEqualTo("backup"));
	}

	@Test
	void directoryCreatedInASetgidDirectoryKeepsTheBit() throws Exception {
		Files.setAttribute(this.base, "unix:mode", 02700);
		Path directory = this.base.resolve("locks");
		manager(LockManager.builder().directory(directory)).acquire("job").close();
		assertThat(modeOf(directory)).isEqualTo("rwx--S---");
	}

	@Test
	void existingLockFileKeepsItsPermissions() throws Exception {
		Path directory = Files.createDirectories(this.base.resolve("locks"));
		Path file = Files.createFile(directory.resolve("job.lock"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
		manager(LockManager.builder().directory(directory)).acquire("job").close();
		assertThat(modeOf(file)).isEqualTo("rw-r-----");
	}

	@Test
	void directoryOfAnotherUserIsRefusedNamingItsOwnerAndMode() throws Exception {
		Path directory = owned(NOBODY, 0700);
		LockManager locks = manager(LockManager.builder().directory(directory));
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> locks.acquire("job"))
			.withMessage("Lock directory " + directory + " is owned by nobody (uid 65534), mode rwx------: another "
					+ "user than this process's (uid " + NativeFacts.effectiveUid().orElseThrow() + ") and root "
					+ "controls it, and could replace, hold or read the lock files. Use a directory of this process's "
					+ "user, or have root change its owner (chown).");
		assertThat(directory.resolve("job.lock")).doesNotExist();
		assertThat(this.manager.backendStatus().problem()).startsWith("Lock directory " + directory + " is owned by nobody");
	}

	@Test
	void directoryEveryUserMayWriteToIsRefusedWithoutTheStickyBit() throws Exception {
		Path directory = own(0777);
		LockManager locks = manager(LockManager.builder().directory(directory));
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> locks.acquire("job"))
			.withMessageStartingWith("Lock directory " + directory + " is owned by " + ownerOf(directory)
					+ ", mode rwxrwxrwx: every user may write to it")
			.withMessageEndingWith("Take write permission away from other users (chmod o-w " + directory
					+ "), or add the sticky bit (chmod +t).");
		Files.setAttribute(directory, "unix:mode", 01777);
		locks.acquire("job").close();
	}

	@Test
	void directoryItsGroupMayWriteToIsRefusedUnlessThePermissionsLetTheGroupWrite() throws Exception {
		Path directory = own(0770);
		String group = Files.readAttributes(directory, PosixFileAttributes.class).group().getName();
		LockManager locks = manager(LockManager.builder().directory(directory));
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> locks.acquire("job"))
			.withMessageStartingWith("Lock directory " + directory + " is owned by " + ownerOf(directory)
					+ ", mode rwxrwx---: its group " + group + " may write to it, which the directory permissions "
					+ "(rwx------) do not allow.")
			.withMessageContaining("chmod g-w " + directory)
			.withMessageContaining("rwxrwx---");
		LockManager shared = manager(LockManager.builder()
			.directory(directory)
			.directoryPermissions(PosixFilePermissions.fromString("rwxrwx---")));
		shared.acquire("job").close();
	}

	@Test
	void directoryOfAnExplicitLockFileIsCheckedToo() throws Exception {
		Path directory = owned(NOBODY, 0755);
		Path file = directory.resolve("backup.lock");
		LockManager locks = manager(LockManager.builder()
			.directory(this.base.resolve("locks"))
			.lock("backup", (policy) -> policy.withPath(file)));
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> locks.acquire("backup"))
			.withMessageStartingWith("Directory " + directory + " of lock file " + file + " is owned by nobody (uid "
					+ "65534), mode rwxr-xr-x:");
		locks.acquire("other").close();
	}

	@Test
	void symbolicLinkOfAnotherUserToTheDirectoryIsRefused() throws Exception {
		Path directory = own(0700);
		Path link = Files.createSymbolicLink(this.base.resolve("link"), directory);
		assumeTrue(NativeFacts.effectiveUid().orElse(-1) == 0,
				"giving a symbolic link to another user needs root, and this test is not run as root");
		Files.setAttribute(link, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
		LockManager locks = manager(LockManager.builder().directory(link));
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> locks.acquire("job"))
			.withMessage("Lock directory " + link + " is a symbolic link of nobody (uid 65534), who could point it "
					+ "anywhere at any time. Use the directory it leads to, or a directory of this process's user.");
		Files.setAttribute(link, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
		locks.acquire("job").close();
	}

	@Test
	void directoryRefusedOnceIsAcceptedAfterTheFix() throws Exception {
		Path directory = owned(NOBODY, 0700);
		LockManager locks = manager(LockManager.builder().directory(directory));
		assertThatExceptionOfType(LockException.class).isThrownBy(() -> locks.acquire("job"));
		Files.setAttribute(directory, "unix:uid", NativeFacts.effectiveUid().orElseThrow());
		locks.acquire("job").close();
	}

	/**
	 * A new directory of this process's user with the given mode.
	 */
	private Path own(int mode) throws Exception {
		Path directory = Files.createDirectory(this.base.resolve("existing"));
		Files.setAttribute(directory, "unix:mode", mode);
		return directory;
	}

	/**
	 * A new directory given to another user, with the given mode; skips the test unless
	 * this process may give directories away (root).
	 */
	private Path owned(int uid, int mode) throws Exception {
		assumeTrue(NativeFacts.effectiveUid().orElse(-1) == 0,
				"giving a directory to another user needs root, and this test is not run as root");
		Path directory = own(mode);
		Files.setAttribute(directory, "unix:uid", uid);
		return directory;
	}

	private static String ownerOf(Path directory) throws Exception {
		return Files.getOwner(directory).getName() + " (uid " + Files.getAttribute(directory, "unix:uid") + ")";
	}

	private DefaultLockManager manager(LockManagerBuilder builder) {
		if (this.manager != null) {
			this.manager.close();
		}
		this.manager = (DefaultLockManager) builder.build();
		return this.manager;
	}

	private static String modeOf(Path path) throws Exception {
		return FileMode.text((int) Files.getAttribute(path, "unix:mode"));
	}

}
