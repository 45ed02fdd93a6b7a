package io.filelock.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.ResolvableType;

/**
 * The names of the {@code file-lock.*} properties, read off {@link FileLockProperties}, and
 * the one nearest to a name that is none of them.
 */
final class FileLockPropertyNames {

	/** Stands for a lock's name in {@code file-lock.locks.<name>.*}. */
	private static final String ANY_LOCK = "*";

	private static final String LOCKS = "file-lock.locks.";

	private static final List<String> NAMES = namesOf(FileLockProperties.class, "file-lock.");

	private FileLockPropertyNames() {
	}

	/**
	 * The valid property nearest to {@code name} (fewest edits), in the same lock for a
	 * {@code file-lock.locks.<name>.*} property.
	 */
	static String nearestTo(String name) {
		String lock = lockOf(name);
		String pattern = (lock != null) ? LOCKS + ANY_LOCK + name.substring(LOCKS.length() + lock.length()) : name;
		String nearest = NAMES.stream()
			.min(Comparator.comparingInt((candidate) -> distance(pattern, candidate)))
			.orElseThrow();
		return (lock != null) ? nearest.replace(LOCKS + ANY_LOCK, LOCKS + lock) : nearest;
	}

	private static String lockOf(String name) {
		if (!name.startsWith(LOCKS)) {
			return null;
		}
		String rest = name.substring(LOCKS.length());
		if (rest.startsWith("[")) {
			int end = rest.indexOf(']');
			return (end > 0) ? rest.substring(0, end + 1) : null;
		}
		int dot = rest.indexOf('.');
		return (dot > 0) ? rest.substring(0, dot) : null;
	}

	private static List<String> namesOf(Class<?> type, String prefix) {
		List<String> names = new ArrayList<>();
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			if (property.getReadMethod() == null || property.getName().equals("class")) {
				continue;
			}
			String name = prefix + DataObjectPropertyName.toDashedForm(property.getName());
			Class<?> valueType = property.getPropertyType();
			if (Map.class.isAssignableFrom(valueType)) {
				Class<?> entry = ResolvableType.forMethodReturnType(property.getReadMethod()).asMap().resolveGeneric(1);
				names.addAll(namesOf(entry, name + "." + ANY_LOCK + "."));
			}
			else if (valueType.getDeclaringClass() == FileLockProperties.class && !valueType.isEnum()) {
				names.addAll(namesOf(valueType, name + "."));
			}
			else {
				names.add(name);
			}
		}
		return List.copyOf(names);
	}

	/**
	 * The Levenshtein distance: how many characters must be inserted, deleted or
	 * replaced to turn one name into the other.
	 */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int replace = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
