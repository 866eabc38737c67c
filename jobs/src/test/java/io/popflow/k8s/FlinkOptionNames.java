package io.popflow.k8s;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;

/**
 * Every option name Flink declares on this classpath: the keys (and deprecated or fallback keys)
 * of the {@code ConfigOption} constants of Flink's {@code *Options} classes, read by reflection.
 */
final class FlinkOptionNames {
    private FlinkOptionNames() {}

    static Set<String> onTheClasspath() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!new File(entry).getName().startsWith("flink-") || !entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith("org/apache/flink/") && name.endsWith("Options.class") && !name.contains("$")) {
                        addOptionsOf(
                                name.substring(0, name.length() - ".class".length())
                                        .replace('/', '.'),
                                keys);
                    }
                }
            }
        }
        return keys;
    }

    private static void addOptionsOf(String className, Set<String> keys) {
        Field[] fields;
        try {
            fields = Class.forName(className, false, FlinkOptionNames.class.getClassLoader())
                    .getDeclaredFields();
        } catch (ClassNotFoundException | LinkageError e) {
            return; // a class whose dependencies are not here declares nothing we use
        }
        for (Field f : fields) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    f.setAccessible(true);
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    keys.add(option.key());
                    for (FallbackKey k : option.fallbackKeys()) {
                        keys.add(k.getKey());
                    }
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    // not initialisable here: skip
                }
            }
        }
    }
}
