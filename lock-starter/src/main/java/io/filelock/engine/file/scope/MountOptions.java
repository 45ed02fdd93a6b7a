package io.filelock.engine.file.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An ordered list of mount options ({@code name} or {@code name=value}) as the kernel
 * shows them in {@code /proc/self/mountinfo}. Empty items are dropped (OCFS2 prints
 * {@code ",localflocks,"}). When an option appears twice the last one wins, as when the
 * kernel parses them.
 */
public final class MountOptions {

	private static final MountOptions EMPTY = new MountOptions(List.of());

	private final List<String> items;

	private MountOptions(List<String> items) {
		this.items = List.copyOf(items);
	}

	/**
	 * No options at all (when only the filesystem type is known).
	 */
	static MountOptions empty() {
		return EMPTY;
	}

	/**
	 * Options from a comma-separated field, each item unescaped with {@code unescape}
	 * (mountinfo escapes a comma inside a value as {@code \054}, so splitting first is
	 * safe).
	 */
	static MountOptions parse(String field, UnaryOperator<String> unescape) {
		List<String> items = new ArrayList<>();
		for (String item : field.split(",", -1)) {
			if (!item.isEmpty()) {
				items.add(unescape.apply(item));
			}
		}
		return new MountOptions(items);
	}

	/**
	 * Options given as items already unescaped, in order.
	 */
	static MountOptions of(String... items) {
		return new MountOptions(List.of(items).stream().filter((item) -> !item.isEmpty()).toList());
	}

	/**
	 * These options followed by {@code later} ones, which override equal names.
	 */
	MountOptions then(MountOptions later) {
		List<String> all = new ArrayList<>(this.items);
		all.addAll(later.items);
		return new MountOptions(all);
	}

	/**
	 * Whether a flag ({@code nolock}) or a {@code name=…} option is present.
	 */
	public boolean has(String name) {
		return find(name).isPresent();
	}

	/**
	 * The value of the last {@code name=value}; empty for a missing option or a bare flag.
	 */
	public Optional<String> value(String name) {
		return find(name).filter((item) -> item.length() > name.length())
			.map((item) -> item.substring(name.length() + 1));
	}

	/**
	 * The last item named {@code name}, as shown ({@code local_lock=all}, {@code nobrl}).
	 */
	public Optional<String> find(String name) {
		for (int i = this.items.size() - 1; i >= 0; i--) {
			String item = this.items.get(i);
			if (item.equals(name) || item.startsWith(name + "=")) {
				return Optional.of(item);
			}
		}
		return Optional.empty();
	}

	public List<String> items() {
		return this.items;
	}

	@Override
	public String toString() {
		return String.join(",", this.items);
	}

}
