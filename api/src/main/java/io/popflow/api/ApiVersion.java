package io.popflow.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The API's semantic version, as built: what a user's class was compiled against, and what runs it. */
public final class ApiVersion {
    /** The version of the API on the class path, e.g. {@code 1.0.0}. */
    public static final String CURRENT = read();

    private ApiVersion() {}

    private static String read() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("popflow-api-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("popflow-api-version.properties is missing beside " + ApiVersion.class);
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
