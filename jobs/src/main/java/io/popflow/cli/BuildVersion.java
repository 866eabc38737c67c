package io.popflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version {@code popflow --version} shows: the Maven project's, written into {@value #RESOURCE}
 * when the build copies its resources, so that it cannot drift from the pom.
 */
final class BuildVersion implements CommandLine.IVersionProvider {
    static final String RESOURCE = "popflow-version.properties";

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String project() {
        try (InputStream in = BuildVersion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is not on the classpath: the build did not copy its resources");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version");
            if (version == null || version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(
                        RESOURCE + " holds no version (was it copied without filtering?): " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"popflow " + project()};
    }
}
