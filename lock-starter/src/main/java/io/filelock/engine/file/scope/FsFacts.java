package io.filelock.engine.file.scope;

/**
 * What the rules look at for one mount.
 *
 * @param fsType mountinfo type, {@code type} or {@code type.subtype}
 * @param options per-mount then superblock options
 * @param kernel the running kernel, for behaviour that changed between versions
 */
record FsFacts(String fsType, MountOptions options, KernelVersion kernel) {

	static FsFacts of(MountEntry entry, KernelVersion kernel) {
		return new FsFacts(entry.fsType(), entry.options(), kernel);
	}

	/**
	 * The type before the first dot: {@code fuse} for {@code fuse.sshfs}.
	 */
	String mainType() {
		int dot = this.fsType.indexOf('.');
		return (dot < 0) ? this.fsType : this.fsType.substring(0, dot);
	}

	/**
	 * The subtype after the first dot ({@code sshfs}), or empty.
	 */
	String subtype() {
		int dot = this.fsType.indexOf('.');
		return (dot < 0) ? "" : this.fsType.substring(dot + 1);
	}

}
