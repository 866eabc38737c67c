package io.popflow.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The data sets the repository ships, found from any module's working directory. */
public final class TestData {
    private TestData() {}

    /** {@code data/diabetes/diabetes.csv} (Efron et al. 2004). */
    public static Path diabetesCsv() {
        Path dir = Paths.get("").toAbsolutePath();
        while (!Files.exists(dir.resolve("data/diabetes/diabetes.csv"))) {
            dir = dir.getParent();
        }
        return dir.resolve("data/diabetes/diabetes.csv");
    }
}
