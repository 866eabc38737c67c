package io.popflow.cli;

import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.run.UserJars;
import java.nio.file.Files;
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

    /**
     * The jars of the run whose {@code config.yaml} is {@code config}: those given, else those it
     * records (none if it is not there: the command's own checks then say what the folder lacks).
     */
    UserJars installFor(Path config) {
        boolean recorded = jars.isEmpty() && Files.isRegularFile(config);
        return UserJars.install(recorded ? ConfigLoader.jars(ConfigLoader.file(config)) : jars);
    }
}
