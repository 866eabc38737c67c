package io.popflow.jobs.run;

import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;

/**
 * The jars of a user's own classes ({@code --jar}): checked, put on the command's class loader so that
 * the configuration can make and check an instance before a job starts, and shipped with the job
 * ({@code pipeline.jars}), where Flink's user code class loader loads them in every task. popflow's
 * own classes, the API among them, always come from popflow's class path, so a user's jar that
 * bundles the API still shares popflow's interfaces.
 */
public final class UserJars implements AutoCloseable {
    private final List<Path> jars;
    private final URLClassLoader loader;
    private final ClassLoader previous;

    private UserJars(List<Path> jars, URLClassLoader loader, ClassLoader previous) {
        this.jars = jars;
        this.loader = loader;
        this.previous = previous;
    }

    /** Checks each jar and makes the thread's class loader see them, until {@link #close}. */
    public static UserJars install(List<Path> given) {
        List<Path> jars = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        for (Path jar : given) {
            Path absolute = jar.toAbsolutePath().normalize();
            InvalidOptionException.require(
                    Files.isRegularFile(absolute),
                    "jars",
                    "cannot read " + jar + ": " + (Files.exists(absolute) ? "not a file" : "No such file"));
            try (JarFile ignored = new JarFile(absolute.toFile())) {
                urls.add(absolute.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InvalidOptionException("jars", "cannot name " + jar + " as a URL: " + e.getMessage());
            } catch (IOException e) {
                throw new InvalidOptionException("jars", jar + " is not a jar: " + IoErrors.reason(e));
            }
            jars.add(absolute);
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        if (jars.isEmpty()) {
            return new UserJars(List.of(), null, previous);
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), UserJars.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        return new UserJars(List.copyOf(jars), loader, previous);
    }

    /**
     * Ships the jars with the job, popflow's own classes loaded parent-first. On a cluster ({@code
     * local} false) the list also names the jar popflow's own classes came from: {@code flink run}
     * puts the job jar in {@code pipeline.jars}, and a list set here replaces that one.
     */
    public void addTo(Configuration flink, boolean local) {
        if (jars.isEmpty()) {
            return;
        }
        List<String> shipped = new ArrayList<>();
        CodeSource own = UserJars.class.getProtectionDomain().getCodeSource();
        if (!local && own != null && own.getLocation().getPath().endsWith(".jar")) {
            shipped.add(own.getLocation().toString());
        }
        jars.forEach(p -> shipped.add(p.toUri().toString()));
        flink.set(PipelineOptions.JARS, shipped);
        flink.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, List.of("io.popflow."));
    }

    @Override
    public void close() {
        Thread.currentThread().setContextClassLoader(previous);
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
