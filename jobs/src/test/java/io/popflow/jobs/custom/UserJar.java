package io.popflow.jobs.custom;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A user's jar, made as a user's build would make it: Java sources compiled against popflow-api
 * alone (the test class path's copy of it) and packed into a jar, outside popflow's class path.
 */
final class UserJar {
    private UserJar() {}

    /** Compiles {@code sources} (class name to source text) into {@code jar}. */
    static Path build(Path folder, String jarName, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(folder.resolve(jarName + "-src"));
        Path classes = Files.createDirectories(folder.resolve(jarName + "-classes"));
        List<String> args = new ArrayList<>(
                List.of("-d", classes.toString(), "-classpath", apiClassPath(), "--release", "17", "-Xlint:none"));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("javac failed (" + code + ") on " + sources.keySet());
        }
        Path jar = folder.resolve(jarName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                try (OutputStream ignored = null) {
                    out.write(Files.readAllBytes(f));
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Where popflow-api's classes are on this test's class path: all a user's code may see. */
    private static String apiClassPath() {
        return io.popflow.api.Objective.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
    }
}
