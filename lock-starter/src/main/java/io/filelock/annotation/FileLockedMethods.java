package io.filelock.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.filelock.FileLocked;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link FileLockedSpec specs} of the {@link FileLocked @FileLocked} methods of each
 * class. A class is read as a whole the first time it is seen, which is when its bean is
 * proxied, so that an invalid annotation on any of its methods fails the startup.
 * <p>
 * An annotation on a method wins over one on its class; one on a class applies to its
 * public methods. Annotations on interface and superclass methods are found too.
 */
final class FileLockedMethods {

	private final FileLockedSpecParser parser;

	private final Map<Class<?>, Map<Method, FileLockedSpec>> byClass = new ConcurrentHashMap<>();

	private final Map<MethodClassKey, Optional<FileLockedSpec>> byCall = new ConcurrentHashMap<>();

	FileLockedMethods(FileLockedSpecParser parser) {
		this.parser = parser;
	}

	/**
	 * Whether the class has a {@code @FileLocked} method.
	 */
	boolean hasLockedMethods(Class<?> targetClass) {
		return AnnotationUtils.isCandidateClass(targetClass, FileLocked.class)
				&& !specsOf(ClassUtils.getUserClass(targetClass)).isEmpty();
	}

	/**
	 * The spec of a call to {@code method} on an instance of {@code targetClass}.
	 * @return the spec, or null if the method is not locked
	 */
	@Nullable FileLockedSpec find(Method method, @Nullable Class<?> targetClass) {
		return this.byCall.computeIfAbsent(new MethodClassKey(method, targetClass), (key) -> {
			Class<?> userClass = ClassUtils.getUserClass((targetClass != null) ? targetClass : method.getDeclaringClass());
			Method specific = AopUtils.getMostSpecificMethod(method, userClass);
			return Optional.ofNullable(specsOf(userClass).get(specific));
		}).orElse(null);
	}

	private Map<Method, FileLockedSpec> specsOf(Class<?> userClass) {
		Map<Method, FileLockedSpec> specs = this.byClass.get(userClass);
		if (specs == null) {
			specs = read(userClass);
			this.byClass.putIfAbsent(userClass, specs);
		}
		return specs;
	}

	private Map<Method, FileLockedSpec> read(Class<?> userClass) {
		FileLocked onClass = AnnotatedElementUtils.findMergedAnnotation(userClass, FileLocked.class);
		Map<Method, FileLockedSpec> specs = new HashMap<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			FileLocked annotation = AnnotatedElementUtils.findMergedAnnotation(method, FileLocked.class);
			if (annotation == null && onClass != null && Modifier.isPublic(method.getModifiers())
					&& !Modifier.isStatic(method.getModifiers())) {
				annotation = onClass;
			}
			if (annotation != null) {
				specs.put(method, this.parser.parse(annotation, method));
			}
		}
		return Map.copyOf(specs);
	}

}
