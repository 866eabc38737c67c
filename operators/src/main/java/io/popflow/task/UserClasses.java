package io.popflow.task;

import io.popflow.option.InvalidOptionException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes instances of a user's class, named by an option ({@code objective.class}), from the thread's
 * class loader: on the command line the one {@code --jar} builds, in a Flink task the job's user code
 * class loader, which holds the jars shipped with the job. Every way a class can be unusable is one
 * line naming the class, the jar and the reason.
 */
public final class UserClasses {
    private UserClasses() {}

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
