package io.popflow.usercode;

import io.popflow.api.CustomOptions;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Makes instances of a user's class, named by an option ({@code objective.class}), from the thread's
 * class loader: on the command line the one {@code --jar} builds, in a Flink task the job's user code
 * class loader, which holds the jars shipped with the job. Every way a class can be unusable is one
 * line naming the class, the jar and the reason.
 */
public final class UserClasses {
    /** The options of the user's class: a mapping whose names the class chooses. */
    public static final Option<String> CUSTOM_OPTIONS = Option.text(
                    "custom.options",
                    null,
                    "the user's class's options, handed to it as CustomOptions: a mapping of names to numbers, text, "
                            + "true/false or lists of numbers")
            .defaultIs("none")
            .appliesTo(TaskKind.CUSTOM);

    private UserClasses() {}

    /** The run's {@code custom.options}, as the configuration gives them (none if not set). */
    public static LinkedHashMap<String, Object> options(OptionSection run) {
        OptionSection custom = run.child("custom");
        LinkedHashMap<String, Object> options = new LinkedHashMap<>(custom.mapping("options"));
        custom.rejectUnknown();
        return options;
    }

    /**
     * A new instance of {@code className} given its options: {@code configure} hands them to it, and
     * an {@link IllegalArgumentException} it throws refuses them, in a line that names the class.
     */
    public static <T> T configured(
            String className,
            Class<T> api,
            String option,
            Map<String, Object> options,
            BiConsumer<T, CustomOptions> configure) {
        T instance = instantiate(className, api, option);
        try {
            configure.accept(instance, new CustomOptions(options));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(
                    CUSTOM_OPTIONS.key(), "class " + className + " refuses them: " + e.getMessage());
        }
        return instance;
    }

    /**
     * A new instance of {@code className}, which must implement {@code api}.
     *
     * @param option the option that names the class, for the refusal
     */
    public static <T> T instantiate(String className, Class<T> api, String option) {
        ClassLoader loader = loader();
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidOptionException(option, "no class " + className + " " + searched(loader));
        }
        String where = " (from " + origin(type) + ")";
        InvalidOptionException.require(
                api.isAssignableFrom(type),
                option,
                "class " + className + " does not implement " + api.getName() + where);
        InvalidOptionException.require(
                Modifier.isPublic(type.getModifiers()), option, "class " + className + " is not public" + where);
        InvalidOptionException.require(
                !Modifier.isAbstract(type.getModifiers()), option, "class " + className + " is abstract" + where);
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new InvalidOptionException(
                    option, "class " + className + " has no public constructor without arguments" + where);
        }
        try {
            return api.cast(constructor.newInstance());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new InvalidOptionException(
                    option,
                    "class " + className + "'s constructor threw "
                            + cause.getClass().getSimpleName() + ": " + cause.getMessage() + where);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new InvalidOptionException(option, "cannot make a " + className + where + ": " + e);
        }
    }

    /** Where {@code type} was loaded from: its jar, or its class folder. */
    public static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null
                ? "the class path"
                : source.getLocation().getPath();
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : UserClasses.class.getClassLoader();
    }

    /** Where a class was looked for, as far as the class loader tells. */
    private static String searched(ClassLoader loader) {
        List<String> jars = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u && l != ClassLoader.getSystemClassLoader()) {
                for (URL url : u.getURLs()) {
                    jars.add(url.getPath());
                }
            }
        }
        return jars.isEmpty()
                ? "on the class path (give its jar with --jar)"
                : "on the class path or in " + String.join(", ", jars);
    }
}
