package io.popflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, found upwards from where the tests run (Maven runs them in the module's folder). */
final class RepositoryRoot {
    private RepositoryRoot() {}

    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("jobs")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (README.md beside jobs/) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
