package io.filelock.engine.file.scope;

import java.util.List;

/**
 * One line of {@code /proc/self/mountinfo} (proc(5)), with every path and name unescaped.
 *
 * @param mountId field 1, unique while mounted
 * @param parentId field 2, the mount this one is attached to (or itself, or a mount outside
 * this process's root that has no line)
 * @param device field 3, {@code major:minor} of the filesystem
 * @param root field 4, the directory of the filesystem shown at the mount point (not
 * {@code /} for bind mounts and subvolumes)
 * @param mountPoint field 5, relative to the process's root directory
 * @param mountOptions field 6, per-mount options
 * @param optionalFields fields 7, such as {@code shared:30} or {@code master:1}
 * @param fsType field 9, {@code type} or {@code type.subtype} ({@code fuse.sshfs})
 * @param source field 10, such as {@code server:/export} or {@code /dev/sda1}
 * @param superOptions field 11, per-superblock options (where {@code nolock},
 * {@code local_lock=...}, {@code flock}, {@code nobrl} are shown)
 */
public record MountEntry(int mountId, int parentId, String device, String root, String mountPoint,
		MountOptions mountOptions, List<String> optionalFields, String fsType, String source,
		MountOptions superOptions) {

	public MountEntry {
		optionalFields = List.copyOf(optionalFields);
	}

	/** Per-mount options followed by super options; a name in both resolves to the super option. */
	public MountOptions options() {
		return this.mountOptions.then(this.superOptions);
	}

	/** The type before the first dot: {@code fuse} for {@code fuse.sshfs}. */
	public String mainType() {
		int dot = this.fsType.indexOf('.');
		return (dot < 0) ? this.fsType : this.fsType.substring(0, dot);
	}

	/** The subtype after the first dot ({@code sshfs}), or empty. */
	public String subtype() {
		int dot = this.fsType.indexOf('.');
		return (dot < 0) ? "" : this.fsType.substring(dot + 1);
	}

}
