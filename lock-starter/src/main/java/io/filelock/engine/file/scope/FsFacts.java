package io.filelock.engine.file.scope;

/**
 * What the classifier looks at for one mount.
 *
 * @param fsType mountinfo type, {@code type} or {@code type.subtype}
 * @param source mountinfo source ({@code server:/export}), or empty
 * @param options per-mount then super options
 * @param kernel the running kernel, for version-dependent behaviour
 */
public record FsFacts(String fsType, String source, MountOptions options, KernelVersion kernel) {

	/** Facts from a mountinfo line. */
	public static FsFacts of(MountEntry entry, KernelVersion kernel) {
		return new FsFacts(entry.fsType(), entry.source(), entry.options(), kernel);
	}

	/** The type before the first dot. */
	public String mainType() {
		int dot = this.fsType.indexOf('.');
		return (dot < 0) ? this.fsType : this.fsType.substring(0, dot);
	}

	/** The subtype after the first dot, or empty. */
	public String subtype() {
		int dot = this.fsType.indexOf('.');
		return (dot < 0) ? "" : this.fsType.substring(dot + 1);
	}

}
