package io.filelock.engine.file.scope;

/**
 * One line of {@code /proc/self/mountinfo} (proc(5)), as far as the reach of locks needs
 * it, with every path and name unescaped.
 *
 * @param mountId field 1, unique while mounted
 * @param parentId field 2, the mount this one is attached to (or itself, or a mount
 * outside this process's root that has no line)
 * @param mountPoint field 5, relative to the process's root directory
 * @param fsType field 9, {@code type} or {@code type.subtype} ({@code fuse.sshfs})
 * @param options the per-mount options (field 6) followed by the per-superblock ones
 * (field 11, where {@code nolock}, {@code local_lock=}, {@code flock}, {@code nobrl} are
 * shown), so that a name in both resolves to the superblock's
 */
public record MountEntry(int mountId, int parentId, String mountPoint, String fsType, MountOptions options) {

}
