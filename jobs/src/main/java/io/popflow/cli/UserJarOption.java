package io.popflow.cli;

import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.run.UserJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --jar PATH}, the one declaration of it: the commands that run or load a user's classes mix it in. */
final class UserJarOption {
    @Option(
            names = "--jar",
            paramLabel = "PATH",
            description = "A jar of your own classes (objective.class, environment.class, trainable.class); "
                    + "repeatable. A run records its jars (the jars option of its config.yaml), so resume, replay and "
                    + "export find them without it; given, it replaces them (the same classes, built elsewhere).")
    List<Path> jars = new ArrayList<>();

    /** The jars of the run whose {@code config.yaml} is {@code config}: those given, else those it records. */
    UserJars installFor(Path config) {
        return UserJars.install(jars.isEmpty() ? ConfigLoader.jars(ConfigLoader.file(config)) : jars);
    }
}
