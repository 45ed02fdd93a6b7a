package io.filelock.engine.file;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The native-image hints of the JNA binding: every native method of the starter
 * registered for JNI and reflection, JNA's JNI needs (each named member checked to exist,
 * so that a typo cannot hide), its native libraries as resources that JNA's jar really
 * has, and nothing of JNA where JNA is absent.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NativeRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	NativeRuntimeHintsTests() {
		new NativeRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void isRegisteredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(NativeRuntimeHints.class);
	}

	@Test
	void everyNativeMethodOfTheStarterIsRegisteredForJniAndReflection() throws Exception {
		List<Method> natives = nativeMethodsOfTheStarter();
		assertThat(natives).extracting(Method::getName).contains("flock", "statx", "pthread_kill", "sigaction");
		for (Method method : natives) {
			assertThat(jni(method)).as("JNI registration of %s", method).isTrue();
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method)).as("reflection on %s", method)
				.accepts(this.hints);
		}
		assertThat(natives.stream().map((method) -> method.getDeclaringClass().getName()).distinct())
			.containsExactlyInAnyOrderElementsOf(NativeRuntimeHints.DIRECT_MAPPED);
	}

	@Test
	void jnaReachesWhatItNeedsThroughJni() throws Exception {
		assertThat(jniField(com.sun.jna.Pointer.class, "peer")).isTrue();
		assertThat(jniMethod(com.sun.jna.Pointer.class, "<init>", long.class)).isTrue();
		assertThat(jniMethod(com.sun.jna.LastErrorException.class, "<init>", String.class)).isTrue();
		assertThat(jniMethod(com.sun.jna.Native.class, "fromNative", Method.class, Object.class)).isTrue();
		assertThat(jniMethod(Long.class, "<init>", long.class)).isTrue();
		assertThat(jniField(Integer.class, "value")).isTrue();
	}

	@Test
	void everyMemberTheHintsNameExists() {
		List<List<String>> entries = new ArrayList<>(NativeRuntimeHints.JNI);
		entries.addAll(NativeRuntimeHints.REFLECTION);
		for (List<String> entry : entries) {
			Class<?> type = ClassUtils.resolveClassName(entry.get(0), getClass().getClassLoader());
			for (String member : entry.subList(1, entry.size())) {
				assertThatNoException().as("%s.%s", type.getName(), member).isThrownBy(() -> find(type, member));
			}
		}
	}

	@Test
	void jnaNativeLibrariesOfTheSupportedPlatformsAreResourcesOfItsJar() {
		assertThat(RuntimeHintsPredicates.resource().forResource("com/sun/jna/linux-x86-64/libjnidispatch.so"))
			.accepts(this.hints);
		for (String library : NativeRuntimeHints.NATIVE_LIBRARIES) {
			assertThat(RuntimeHintsPredicates.resource().forResource(library)).accepts(this.hints);
			assertThat(getClass().getClassLoader().getResource(library)).as(library).isNotNull();
		}
	}

	@Test
	void theKernelWaitsLookupOfIsVirtualIsRegistered() {
		assertThat(this.hints.reflection().getTypeHint(Thread.class).methods())
			.anySatisfy((method) -> assertThat(method.getName()).isEqualTo("isVirtual"));
	}

	@Test
	void withoutJnaNothingOfJnaIsRegistered() {
		RuntimeHints withoutJna = new RuntimeHints();
		new NativeRuntimeHints().registerHints(withoutJna, new FilteredClassLoader("com.sun.jna"));
		assertThat(withoutJna.jni().typeHints()).isEmpty();
		assertThat(withoutJna.resources().resourcePatternHints()).isEmpty();
		assertThat(withoutJna.reflection().typeHints()).extracting((hint) -> hint.getType().getName())
			.containsExactly("java.lang.Thread");
	}

	private static List<Method> nativeMethodsOfTheStarter() throws IOException {
		List<Method> natives = new ArrayList<>();
		Resource[] classes = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/filelock/**/*.class");
		for (Resource resource : classes) {
			String path = resource.getURL().getPath();
			if (path.contains("/test-classes/") || path.contains("/META-INF/versions/")) {
				continue;
			}
			String name = path.substring(path.lastIndexOf("io/filelock/"), path.length() - ".class".length())
				.replace('/', '.');
			Class<?> type = ClassUtils.resolveClassName(name, NativeRuntimeHintsTests.class.getClassLoader());
			Arrays.stream(type.getDeclaredMethods())
				.filter((method) -> Modifier.isNative(method.getModifiers()))
				.forEach(natives::add);
		}
		return natives;
	}

	private boolean jni(Method method) {
		TypeHint hint = this.hints.jni().getTypeHint(method.getDeclaringClass());
		return hint != null && (hint.getMemberCategories().contains(MemberCategory.INVOKE_DECLARED_METHODS)
				|| jniMethod(method.getDeclaringClass(), method.getName(), method.getParameterTypes()));
	}

	private boolean jniMethod(Class<?> type, String name, Class<?>... parameters) {
		TypeHint hint = this.hints.jni().getTypeHint(type);
		if (hint == null) {
			return false;
		}
		List<TypeReference> expected = TypeReference.listOf(parameters);
		return (name.equals("<init>") ? hint.constructors() : hint.methods())
			.anyMatch((executable) -> executable.getName().equals(name)
					&& executable.getParameterTypes().equals(expected));
	}

	private boolean jniField(Class<?> type, String name) {
		TypeHint hint = this.hints.jni().getTypeHint(type);
		return hint != null && hint.fields().anyMatch((field) -> field.getName().equals(name));
	}

	private static void find(Class<?> type, String member) throws ReflectiveOperationException {
		int open = member.indexOf('(');
		if (open < 0) {
			type.getDeclaredField(member);
			return;
		}
		String list = member.substring(open + 1, member.length() - 1);
		Class<?>[] parameters = list.isEmpty() ? new Class<?>[0]
				: Arrays.stream(list.split(","))
					.map((parameter) -> ClassUtils.resolveClassName(parameter, type.getClassLoader()))
					.toArray(Class<?>[]::new);
		String name = member.substring(0, open);
		if (name.equals("<init>")) {
			type.getDeclaredConstructor(parameters);
		}
		else {
			type.getDeclaredMethod(name, parameters);
		}
	}

}
