package io.filelock.engine.file.scope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The recorded mount table in {@code catalogue.mountinfo}: real mountinfo lines of NFS,
 * Lustre, SMB, FUSE, 9P, virtiofs, GFS2, OCFS2, CephFS, overlay, tmpfs, ext4, bind mounts,
 * escaped paths, a nested mount, stacked and hidden mounts. Read byte per char, as from
 * {@code /proc}.
 */
final class Catalogue {

	static final String TABLE = load();

	/** Symbolic links the probe resolves as if they existed: path → real path. */
	static final Map<Path, Path> LINKS = Map.of(Path.of("/var/lock/app"), Path.of("/mnt/nfs3-nolock/app"),
			Path.of("/opt/app/locks"), Path.of("/run/lock/app"));

	private Catalogue() {
	}

	/**
	 * A probe of the recorded table and links, without statfs, on the given kernel.
	 */
	static LockScopeProbe probe(KernelVersion kernel) {
		PathResolver resolver = (path) -> {
			for (Map.Entry<Path, Path> link : LINKS.entrySet()) {
				if (path.startsWith(link.getKey())) {
					return link.getValue().resolve(link.getKey().relativize(path)).normalize();
				}
			}
			return path.normalize();
		};
		return new LockScopeProbe(MountInfoSource.of(TABLE), resolver, StatFs.none(), kernel, (path) -> {
			throw new IOException("a recorded table has no file stores");
		});
	}

	private static String load() {
		try (InputStream in = Catalogue.class.getResourceAsStream("catalogue.mountinfo")) {
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
