package io.filelock.engine.file;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What the {@code FLOCK} strategy needs in a GraalVM native image, where it calls the C
 * library through JNA ({@link NativeBinding}):
 * <ul>
 * <li>JNA's native library, a resource that JNA unpacks and loads, for the platforms the
 * binding supports (the image is built for one of them; registering all keeps the hints
 * independent of the machine that processes them);</li>
 * <li>what that library reaches through JNI when it loads and when it calls: JNA's own
 * classes and the JDK classes it converts arguments with, as GraalVM's reachability
 * metadata repository lists them for JNA, and {@code LastErrorException}, which it
 * throws;</li>
 * <li>the direct-mapped classes of the binding: JNA reads their native methods by
 * reflection and registers them through JNI;</li>
 * <li>{@code Thread.isVirtual}, which the kernel wait looks up reflectively.</li>
 * </ul>
 * The binding uses direct mapping only, so no proxy is needed. Nothing is registered for
 * JNA where it is not on the class path.
 */
class NativeRuntimeHints implements RuntimeHintsRegistrar {

	/** JNA's resource folders of the platforms {@link LibC} has flags for. */
	static final List<String> NATIVE_LIBRARIES = List.of("com/sun/jna/linux-x86-64/libjnidispatch.so",
			"com/sun/jna/linux-aarch64/libjnidispatch.so", "com/sun/jna/linux-x86/libjnidispatch.so",
			"com/sun/jna/linux-arm/libjnidispatch.so", "com/sun/jna/linux-armel/libjnidispatch.so",
			"com/sun/jna/darwin-aarch64/libjnidispatch.jnilib", "com/sun/jna/darwin-x86-64/libjnidispatch.jnilib");

	/** The binding's classes whose native methods JNA registers. */
	static final List<String> DIRECT_MAPPED = List.of("io.filelock.engine.file.JnaPosix$CLibrary",
			"io.filelock.engine.file.JnaPosix$StatxCall", "io.filelock.engine.file.JnaSignals$Natives");

	/**
	 * What JNA's native library looks up through JNI: type, then its fields and methods,
	 * a method as {@code name(parameter types)}.
	 */
	static final List<List<String>> JNI = List.of(
			List.of("com.sun.jna.Native", "dispose()",
					"fromNative(com.sun.jna.FromNativeConverter,java.lang.Object,java.lang.reflect.Method)",
					"fromNative(java.lang.Class,java.lang.Object)", "fromNative(java.lang.reflect.Method,java.lang.Object)",
					"nativeType(java.lang.Class)", "toNative(com.sun.jna.ToNativeConverter,java.lang.Object)"),
			List.of("com.sun.jna.Pointer", "peer", "<init>(long)"),
			List.of("com.sun.jna.Structure", "memory", "typeInfo", "autoRead()", "autoWrite()", "getTypeInfo()",
					"newInstance(java.lang.Class,long)"),
			List.of("com.sun.jna.Structure$ByValue"),
			List.of("com.sun.jna.Structure$FFIType$FFITypes", "ffi_type_double", "ffi_type_float",
					"ffi_type_longdouble", "ffi_type_pointer", "ffi_type_sint16", "ffi_type_sint32", "ffi_type_sint64",
					"ffi_type_sint8", "ffi_type_uint16", "ffi_type_uint32", "ffi_type_uint64", "ffi_type_uint8",
					"ffi_type_void"),
			List.of("com.sun.jna.Callback"),
			List.of("com.sun.jna.CallbackReference", "getCallback(java.lang.Class,com.sun.jna.Pointer,boolean)",
					"getFunctionPointer(com.sun.jna.Callback,boolean)", "getNativeString(java.lang.Object,boolean)",
					"initializeThread(com.sun.jna.Callback,com.sun.jna.CallbackReference$AttachOptions)"),
			List.of("com.sun.jna.CallbackReference$AttachOptions"),
			List.of("com.sun.jna.FromNativeConverter", "nativeType()"),
			List.of("com.sun.jna.IntegerType", "value"), List.of("com.sun.jna.JNIEnv"),
			List.of("com.sun.jna.NativeMapped", "toNative()"), List.of("com.sun.jna.PointerType", "pointer"),
			List.of("com.sun.jna.WString", "<init>(java.lang.String)"),
			List.of("com.sun.jna.Native$ffi_callback", "invoke(long,long,long)"),
			List.of("com.sun.jna.LastErrorException", "<init>(java.lang.String)", "<init>(int)"),
			List.of("java.lang.Boolean", "TYPE", "value", "<init>(boolean)"),
			List.of("java.lang.Byte", "TYPE", "value", "<init>(byte)"),
			List.of("java.lang.Character", "TYPE", "value", "<init>(char)"),
			List.of("java.lang.Short", "TYPE", "value", "<init>(short)"),
			List.of("java.lang.Integer", "TYPE", "value", "<init>(int)"),
			List.of("java.lang.Long", "TYPE", "value", "<init>(long)"),
			List.of("java.lang.Float", "TYPE", "value", "<init>(float)"),
			List.of("java.lang.Double", "TYPE", "value", "<init>(double)"), List.of("java.lang.Void", "TYPE"),
			List.of("java.lang.Class", "getComponentType()"), List.of("java.lang.Object", "toString()"),
			List.of("java.lang.String", "<init>(byte[])", "<init>(byte[],java.lang.String)", "getBytes()",
					"getBytes(java.lang.String)", "toCharArray()"),
			List.of("java.lang.System", "getProperty(java.lang.String)"),
			List.of("java.lang.reflect.Method", "getParameterTypes()", "getReturnType()"),
			List.of("java.nio.Buffer", "position()"), List.of("java.nio.ByteBuffer", "array()", "arrayOffset()"),
			List.of("java.nio.CharBuffer", "array()", "arrayOffset()"),
			List.of("java.nio.ShortBuffer", "array()", "arrayOffset()"),
			List.of("java.nio.IntBuffer", "array()", "arrayOffset()"),
			List.of("java.nio.LongBuffer", "array()", "arrayOffset()"),
			List.of("java.nio.FloatBuffer", "array()", "arrayOffset()"),
			List.of("java.nio.DoubleBuffer", "array()", "arrayOffset()"));

	/**
	 * What JNA itself reads by reflection while it loads and registers direct mappings.
	 */
	static final List<List<String>> REFLECTION = List.of(
			List.of("com.sun.jna.Structure$FFIType", "alignment", "elements", "size", "type", "<init>()"),
			List.of("com.sun.jna.Structure$FFIType$size_t", "<init>()"),
			List.of("com.sun.jna.SecurityManagerExposer", "<init>()", "getClassContext()"),
			List.of("java.lang.reflect.Method", "isVarArgs()", "isDefault()"),
			List.of("java.lang.Throwable", "addSuppressed(java.lang.Throwable)"));

	/** What the kernel wait looks up reflectively, whichever binding it uses. */
	static final List<String> THREAD_IS_VIRTUAL = List.of("java.lang.Thread", "isVirtual()");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		register(hints, List.of(THREAD_IS_VIRTUAL), false, classLoader);
		if (!ClassUtils.isPresent("com.sun.jna.Native", classLoader)) {
			return;
		}
		NATIVE_LIBRARIES.forEach(hints.resources()::registerPattern);
		for (String type : DIRECT_MAPPED) {
			hints.jni().registerType(TypeReference.of(type), MemberCategory.INVOKE_DECLARED_METHODS);
			hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_DECLARED_METHODS);
		}
		register(hints, JNI, true, classLoader);
		register(hints, REFLECTION, false, classLoader);
	}

	private static void register(RuntimeHints hints, List<List<String>> entries, boolean jni,
			@Nullable ClassLoader classLoader) {
		for (List<String> entry : entries) {
			if (!ClassUtils.isPresent(entry.get(0), classLoader)) {
				continue;
			}
			(jni ? hints.jni() : hints.reflection()).registerType(TypeReference.of(entry.get(0)),
					(type) -> entry.subList(1, entry.size()).forEach((member) -> member(type, member, classLoader)));
		}
	}

	private static void member(TypeHint.Builder type, String member, @Nullable ClassLoader classLoader) {
		int open = member.indexOf('(');
		if (open < 0) {
			type.withField(member);
			return;
		}
		String name = member.substring(0, open);
		String list = member.substring(open + 1, member.length() - 1);
		List<TypeReference> parameters = list.isEmpty() ? List.of()
				: Arrays.stream(list.split(","))
					.map((parameter) -> TypeReference.of(ClassUtils.resolveClassName(parameter, classLoader)))
					.toList();
		if (name.equals("<init>")) {
			type.withConstructor(parameters, ExecutableMode.INVOKE);
		}
		else {
			type.withMethod(name, parameters, ExecutableMode.INVOKE);
		}
	}

}
