package io.popflow.api;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The public signatures of the API's classes as built, one line each, sorted: what a user's code can call. */
final class ApiSignatures {
    private ApiSignatures() {}

    static List<String> of(Path classes) throws IOException, ClassNotFoundException {
        TreeSet<String> lines = new TreeSet<>();
        Path folder = classes.resolve("io/popflow/api");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                    .forEach(n -> names.add("io.popflow.api."
                            + n.substring(0, n.length() - ".class".length()).replace('$', '.')));
        }
        for (String name : names) {
            Class<?> type = Class.forName(binaryName(name));
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            String prefix = type.getName() + " ";
            lines.add(prefix + "type " + Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE) + " "
                    + (type.isRecord() ? "record" : type.isInterface() ? "interface" : "class")
                    + supertypes(type));
            for (Constructor<?> c : type.getConstructors()) {
                lines.add(prefix + c.toGenericString());
            }
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    lines.add(prefix + m.toGenericString());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    lines.add(prefix + f.toGenericString());
                }
            }
        }
        return List.copyOf(lines);
    }

    private static String supertypes(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> i : type.getInterfaces()) {
            names.add(i.getName());
        }
        return names.isEmpty() ? "" : " implements " + String.join(", ", names);
    }

    /** {@code io.popflow.api.Environment.Step} as the class loader names it. */
    private static String binaryName(String dotted) {
        String packageName = "io.popflow.api.";
        return packageName + dotted.substring(packageName.length()).replace('.', '$');
    }
}
