package io.filelock.engine.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.filelock.LockException;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the directories of lock files in the hands of this process's user. Directories
 * the manager creates get exactly the configured permissions, and lock files the same
 * without execute, whatever the umask: each is created with at most those bits (the umask
 * can only take some away) and then set to exactly them, so it is never more open than
 * configured. An existing directory is refused when another user than this process's
 * (its effective user) and root owns it, or the symbolic link that leads to it, when other
 * users may write to it without the sticky bit, or when its group may write to it without
 * the sticky bit and the permissions do not let the group write. Such a user could replace the lock files, hold the locks for
 * ever or read the owner records; the sticky bit keeps them from deleting or renaming the
 * files of others.
 * <p>
 * Where the file system has no POSIX permissions (Windows) nothing is set or checked.
 */
public final class LockDirectories {

	private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

	private final Set<PosixFilePermission> permissions;

	private final Set<PosixFilePermission> filePermissions;

	private final OptionalInt processUid = NativeFacts.effectiveUid();

	/** Directories found acceptable, not checked again. */
	private final Set<Path> verified = ConcurrentHashMap.newKeySet();

	/**
	 * @param permissions of the directories created; what an existing one may let its
	 * group do
	 */
	public LockDirectories(Set<PosixFilePermission> permissions) {
		this.permissions = Set.copyOf(permissions);
		Set<PosixFilePermission> filePermissions = EnumSet.noneOf(PosixFilePermission.class);
		filePermissions.addAll(permissions);
		filePermissions.removeAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
				PosixFilePermission.OTHERS_EXECUTE));
		this.filePermissions = Set.copyOf(filePermissions);
	}

	/**
	 * Creates {@code directory} and its missing parents, each with exactly the
	 * permissions. A directory created meanwhile by someone else is left as it is.
	 * @throws IOException as {@link Files#createDirectories} would
	 */
	public void create(Path directory) throws IOException {
		if (!UNIX) {
			Files.createDirectories(directory);
			return;
		}
		Deque<Path> missing = new ArrayDeque<>();
		for (Path path = directory.toAbsolutePath(); path != null && !Files.exists(path); path = path.getParent()) {
			missing.push(path);
		}
		FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(this.permissions);
		for (Path path : missing) {
			try {
				Files.createDirectory(path, attribute);
			}
			catch (FileAlreadyExistsException ex) {
				if (Files.isDirectory(path)) {
					continue;
				}
				throw ex;
			}
			// a directory created in a setgid directory inherits the bit, which keeps its files in the group
			int inherited = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FileMode.SETGID;
			Files.setAttribute(path, "unix:mode", FileMode.of(this.permissions) | inherited, LinkOption.NOFOLLOW_LINKS);
		}
	}

	/**
	 * Creates the lock file {@code file} with exactly the permissions of the directory
	 * without execute, unless it exists. Failures to create it are left to the open that
	 * follows, which reports them (or, for a lock file of its own, may open it read-only).
	 * @throws LockException if the file was created but its permissions cannot be set
	 */
	void createFile(Path file) {
		if (!UNIX || Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(this.filePermissions));
		}
		catch (IOException ex) {
			return;
		}
		try {
			Files.setAttribute(file, "unix:mode", FileMode.of(this.filePermissions), LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new LockException("Cannot set the permissions of lock file " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Checks {@code directory} once; a missing or unreadable one is left to the open that
	 * follows.
	 * @param subject what the directory is, for the message: {@code Lock directory /x}
	 * @throws LockException if the directory is refused, naming it, its owner and mode,
	 * and the fix
	 */
	void verify(Path directory, String subject) {
		if (this.verified.contains(directory)) {
			return;
		}
		String problem;
		try {
			problem = problemWith(directory);
		}
		catch (IOException ex) {
			return;
		}
		if (problem != null) {
			throw new LockException(subject + " " + problem);
		}
		this.verified.add(directory);
	}

	/**
	 * Forgets that {@code directory} was found acceptable: it was missing, and will be
	 * checked again once it exists.
	 */
	void forget(Path directory) {
		this.verified.remove(directory);
	}

	/**
	 * Why the existing {@code directory} is refused, as a phrase that follows its name
	 * ({@code is owned by …}, with the fix); null if it is acceptable.
	 * @throws NoSuchFileException if it does not exist
	 */
	public @Nullable String problemWith(Path directory) throws IOException {
		if (!UNIX) {
			return null;
		}
		if (Files.isSymbolicLink(directory)) {
			Map<String, Object> link = Files.readAttributes(directory, "unix:uid,owner", LinkOption.NOFOLLOW_LINKS);
			int uid = (int) link.get("uid");
			String owner = ((UserPrincipal) link.get("owner")).getName();
			if (!ownedByThisUserOrRoot(uid, owner)) {
				return "is a symbolic link of " + owner + " (uid " + uid + "), who could point it anywhere at any "
						+ "time. Use the directory it leads to, or a directory of this process's user.";
			}
		}
		Map<String, Object> attributes = Files.readAttributes(directory, "unix:uid,mode,owner,group");
		int uid = (int) attributes.get("uid");
		int mode = (int) attributes.get("mode");
		String owner = ((UserPrincipal) attributes.get("owner")).getName();
		String state = "owned by " + owner + " (uid " + uid + "), mode " + FileMode.text(mode);
		if (!ownedByThisUserOrRoot(uid, owner)) {
			return "is " + state + ": another user than this process's (" + processUser()
					+ ") and root controls it, and could replace, hold or read the lock files. Use a directory of "
					+ "this process's user, or have root change its owner (chown).";
		}
		if ((mode & FileMode.STICKY) == 0 && (mode & 0002) != 0) {
			return "is " + state + ": every user may write to it, and could replace or hold the lock files. "
					+ "Take write permission away from other users (chmod o-w " + directory
					+ "), or add the sticky bit (chmod +t).";
		}
		boolean groupMayWrite = this.permissions.contains(PosixFilePermission.GROUP_WRITE);
		if ((mode & FileMode.STICKY) == 0 && (mode & 0020) != 0 && !groupMayWrite) {
			String group = ((UserPrincipal) attributes.get("group")).getName();
			return "is " + state + ": its group " + group + " may write to it, which the directory permissions ("
					+ PosixFilePermissions.toString(this.permissions) + ") do not allow. Take write permission away "
					+ "from the group (chmod g-w " + directory + "), or, to share the locks with the group, set "
					+ "directory permissions that let it write, such as rwxrwx---.";
		}
		return null;
	}

	private boolean ownedByThisUserOrRoot(int uid, String owner) {
		if (uid == 0) {
			return true;
		}
		return this.processUid.isPresent() ? (uid == this.processUid.getAsInt())
				: owner.equals(System.getProperty("user.name"));
	}

	private String processUser() {
		return this.processUid.isPresent() ? "uid " + this.processUid.getAsInt() : System.getProperty("user.name");
	}

}
