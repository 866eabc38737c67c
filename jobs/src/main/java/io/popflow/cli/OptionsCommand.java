package io.popflow.cli;

import io.popflow.jobs.config.OptionCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code popflow options}: every configuration option, its default, its values and its meaning, from their declarations. */
@Command(
        name = "options",
        mixinStandardHelpOptions = true,
        description = "List every configuration option (for --config files and --set), from its declaration.")
final class OptionsCommand implements Callable<Integer> {

    @Option(names = "--markdown", description = "As the Markdown table in docs/configuration.md.")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(markdown ? OptionCatalog.markdown() : OptionCatalog.text());
        return 0;
    }
}
